"""Rendered public pages, kept until the read models move on, and their HTTP validators.

A catalog or consortium page depends only on the read models, the URL, the language,
whether htmx asked for a fragment (or a history restore), and the date. Keyed by the
projector's position, a kept page is never stale: any new event projected changes the
key. The key is also the page's strong `ETag`, so a browser or a proxy (README, "nginx
in front") revalidates with `If-None-Match` and gets a 304 while nothing changed, even
from a worker that never rendered the page. Pages holding a session's CSRF token, a flash
message or a signed-in person's name are never kept and carry no ETag.

Kept responses are whole: status, every header the app's after-request hooks add
(security headers, Vary, Cache-Control, ETag) and body. web/keptpages.py serves them
before Flask's per-request machinery; a visitor with a session cookie is served here.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from threading import Lock
from typing import Any

from flask import Flask, current_app, make_response, request, session
from flask_babel import get_locale
from werkzeug.wrappers import Response

from marketplace.bootstrap import Services
from web.extensions import services

Key = tuple[Any, ...]
KEEPABLE = (200, 400, 404)
# What a page varies on besides its URL: a cache must keep these apart (web/__init__.py).
VARY = ("HX-Request", "HX-History-Restore-Request", "Accept-Language", "Cookie")
MAX_AGE = 5  # seconds a browser or proxy may show a page without asking: a few events late
MARK = "consortia.kept_page"  # the WSGI environ's note that this response may be kept
_NOT_IN_304 = frozenset({"content-type", "content-length"})


@dataclass(frozen=True)
class Kept:
    """A whole response, as it left the app."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str

    def not_modified_headers(self) -> list[tuple[str, str]]:
        """A 304 repeats the validators and caching headers, not the body's."""
        return [(name, value) for name, value in self.headers
                if name.lower() not in _NOT_IN_304]


class PageCache:
    """A small LRU of kept responses, shared by the threads of one process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[Key, Kept] = OrderedDict()
        self.paths: Counter[str] = Counter()  # paths with a kept page, to skip the rest fast
        self.lock = Lock()

    def get(self, key: Key) -> Kept | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: Key, page: Kept) -> None:
        with self.lock:
            if key not in self.pages:
                self.paths[key[1]] += 1
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                old, _page = self.pages.popitem(last=False)
                self.paths[old[1]] -= 1
                if self.paths[old[1]] <= 0:
                    del self.paths[old[1]]


@lru_cache(maxsize=1)
def release() -> str:
    """A digest of the templates and translations: a new release never reuses an ETag."""
    digest = hashlib.blake2b(digest_size=8)
    web = Path(__file__).parent
    for folder in (web / "templates", web / "translations"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".mo"):
                digest.update(str(path.relative_to(web)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def kind_of(environ: Mapping[str, Any]) -> str:
    """Page, htmx fragment, or htmx history restore (a whole page), from the headers."""
    if environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true":
        return "restore"
    return "fragment" if environ.get("HTTP_HX_REQUEST") == "true" else "page"


def page_key(environ: Mapping[str, Any], locale: str, running: Services) -> Key:
    """Everything a kept page depends on, read from the WSGI environ: Flask or not.

    The scheme counts because an https answer carries HSTS; the path is second, for
    PageCache.paths.
    """
    return (environ.get("wsgi.url_scheme", "http"), environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""), locale, kind_of(environ),
            running.marketplace.clock.now().date(), running.projector.position())


def etag_of(key: Key) -> str:
    """The page's strong validator: its identity, the date, the position, the release."""
    digest = hashlib.blake2b(repr((release(), *key)).encode(), digest_size=16)
    return f'"{digest.hexdigest()}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether If-None-Match names this ETag (weak comparison, as RFC 9110 says)."""
    if not if_none_match:
        return False
    for tag in if_none_match[:2000].split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def public_headers(response: Response, etag: str) -> Response:
    """What lets a browser or shared cache keep an anonymous page for a few seconds."""
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['PAGE_MAX_AGE']}"
    response.vary.update(VARY)
    return response


def cached_page(view: Callable[..., Any]) -> Callable[..., Response]:
    """Serve a GET view from the kept pages, or a 304, while the read models stand still."""

    @wraps(view)
    def serve(*args: Any, **kwargs: Any) -> Response:
        # A signed-in person's pages carry their name: only anonymous pages are kept.
        if "_flashes" in session or "_user_id" in session:
            return make_response(view(*args, **kwargs))
        key = page_key(request.environ, str(get_locale()), services())
        etag = etag_of(key)
        if matches(request.headers.get("If-None-Match"), etag):
            return public_headers(Response(status=304), etag)
        cache: PageCache | None = current_app.extensions.get("consortia_pages")
        kept = cache.get(key) if cache is not None else None
        if kept is not None:
            return Response(kept.body, status=kept.status, headers=kept.headers)
        response = public_headers(make_response(view(*args, **kwargs)), etag)
        if cache is not None and response.status_code in KEEPABLE and not session.modified:
            request.environ[MARK] = key  # web/keptpages.py keeps it as it leaves the app
        return response

    return serve


def init_app(app: Flask) -> None:
    """Give the app its cache; PAGE_CACHE_SIZE=0 turns it off (ETags and 304s stay)."""
    app.config.setdefault("PAGE_MAX_AGE", MAX_AGE)
    size = int(app.config.get("PAGE_CACHE_SIZE", 256))
    if size > 0:
        app.extensions["consortia_pages"] = PageCache(size)
