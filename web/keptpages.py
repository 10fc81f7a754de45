"""Kept pages answered before Flask: a WSGI middleware in front of the app's own.

An anonymous GET or HEAD that carries no cookie but the language switcher's asks for
nothing Flask's per-request machinery gives: no session to open (so no CSRF token, no
flash, no signed-in person), no rate limit (only POSTs count, web/ratelimit.py), no form.
If its page is kept (web/pagecache.py), it is answered here from the key alone: the
language negotiated by the same rule as Flask-Babel's (web/i18n.py), the htmx headers,
the date and the projector's position. The kept response is the whole one the app sent,
security headers, Vary, Cache-Control and ETag included, so nothing is missing from it.

Everything else goes to Flask untouched. When a view marked its response as keepable
(pagecache.MARK) and it leaves the app without a cookie to set, it is kept here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.http import parse_cookie

from web.i18n import COOKIE, negotiate
from web.pagecache import KEEPABLE, MARK, Kept, PageCache, matches, page_key

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
SAFE = frozenset({"GET", "HEAD"})


class KeptPages:
    """Answers kept pages from the cache; keeps what the views marked as keepable."""

    def __init__(self, app: Flask, wsgi_app: WSGIApp, cache: PageCache) -> None:
        self.app, self.wsgi_app, self.cache = app, wsgi_app, cache

    def _language(self, environ: dict[str, Any]) -> str | None:
        """The page's language, or None when a cookie other than the language's is sent."""
        chosen = None
        if environ.get("HTTP_COOKIE"):
            cookies = parse_cookie(environ)
            if any(name != COOKIE for name in cookies):
                return None  # maybe a session: Flask opens it, and may still serve it kept
            chosen = cookies.get(COOKIE)
        return negotiate(chosen, environ.get("HTTP_ACCEPT_LANGUAGE", ""))

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in SAFE or environ.get("PATH_INFO") not in self.cache.paths:
            return self._through_flask(environ, start_response)
        language = self._language(environ)
        if language is None:
            return self._through_flask(environ, start_response)
        key = page_key(environ, language, self.app.extensions["consortia"])
        kept = self.cache.get(key)
        if kept is None:
            return self._through_flask(environ, start_response)
        if matches(environ.get("HTTP_IF_NONE_MATCH"), kept.etag):
            start_response("304 NOT MODIFIED", kept.not_modified_headers())
            return []
        start_response(kept.status, kept.headers)
        return [] if method == "HEAD" else [kept.body]

    def _through_flask(self, environ: dict[str, Any], start_response: Callable[..., Any]
                       ) -> Iterable[bytes]:
        sent: list[Any] = []

        def noting(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            sent[:] = [status, headers]
            return start_response(status, headers, *exc_info)

        body = self.wsgi_app(environ, noting)
        key = environ.get(MARK)
        if key is None or environ.get("REQUEST_METHOD") != "GET" or not sent:
            return body
        status, headers = sent
        if int(status.split(" ", 1)[0]) not in KEEPABLE or any(
                name.lower() == "set-cookie" for name, _value in headers):
            return body
        try:
            data = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        etag = next(value for name, value in headers if name.lower() == "etag")
        self.cache.put(key, Kept(status, list(headers), data, etag))
        return [data]


def init_app(app: Flask) -> None:
    """Serve kept pages in front of the app, inside any proxy fix installed after this."""
    cache = app.extensions.get("consortia_pages")
    if isinstance(cache, PageCache):
        app.wsgi_app = KeptPages(app, app.wsgi_app, cache)  # type: ignore[method-assign]
