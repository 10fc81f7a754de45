"""Rendered public pages, kept until the read models move on.

A catalog or consortium page depends only on the read models, the URL, the language,
whether htmx asked for a fragment, and the date. Keyed by the projector's position, a
kept page is never stale: any new event projected changes the key. Pages holding a
session's CSRF token or a flash message are never kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from threading import Lock
from typing import Any

from flask import Flask, current_app, make_response, request, session
from flask_babel import get_locale
from werkzeug.wrappers import Response

from web.extensions import htmx, services

Key = tuple[Any, ...]


class PageCache:
    """A small LRU of rendered responses, shared by the threads of one process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[Key, tuple[bytes, int, str]] = OrderedDict()
        self.lock = Lock()

    def get(self, key: Key) -> tuple[bytes, int, str] | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: Key, page: tuple[bytes, int, str]) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


def _key() -> Key:
    kind = "restore" if htmx.history_restore_request else "fragment" if htmx else "page"
    today = services().marketplace.clock.now().date()
    return (request.endpoint, request.full_path, str(get_locale()), kind, today,
            services().projector.position())


def cached_page(view: Callable[..., Any]) -> Callable[..., Response]:
    """Serve a GET view from the cache when the read models have not moved since."""

    @wraps(view)
    def serve(*args: Any, **kwargs: Any) -> Response:
        cache: PageCache | None = current_app.extensions.get("consortia_pages")
        # A signed-in person's pages carry their name: only anonymous pages are kept.
        if cache is None or "_flashes" in session or "_user_id" in session:
            return make_response(view(*args, **kwargs))
        key = _key()
        kept = cache.get(key)
        if kept is not None:
            body, status, mimetype = kept
            return Response(body, status=status, mimetype=mimetype)
        response = make_response(view(*args, **kwargs))
        if response.status_code in (200, 400, 404) and not session.modified:
            cache.put(key, (response.get_data(), response.status_code, response.mimetype))
        return response

    return serve


def init_app(app: Flask) -> None:
    """Give the app its cache; PAGE_CACHE_SIZE=0 turns it off."""
    size = int(app.config.get("PAGE_CACHE_SIZE", 256))
    if size > 0:
        app.extensions["consortia_pages"] = PageCache(size)
