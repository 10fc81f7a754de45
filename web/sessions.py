"""Server-side sessions: Flask-Session's mechanics over the store's own table.

The cookie holds only a random id (Flask-Session makes it); the row lives in the
application's database through marketplace/accounts/sessions.py, keyed by the id's
SHA-256. So signing out, a new password, a revoked role or an officer ends a session for
every worker and machine at once, and a copy of the cookie is worth nothing afterwards.
Idle and absolute timeouts are the store's; the cookie itself lasts until the browser
closes. A visitor gets a row only where a form needs a CSRF token (sign-in, the RFQ
form): the catalog and consortium pages write nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Flask, current_app, request
from flask.sessions import SessionMixin
from flask_session.base import ServerSideSession, ServerSideSessionInterface

from marketplace.accounts.sessions import SessionStore, id_digest

# A browser and its system, from the User-Agent, so that a person tells their sessions
# apart ("Firefox, Windows"). First match wins: Edge and Opera also say Chrome.
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
             ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iPhone"),
            ("iPad", "iPad"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))
_PRINTABLE = re.compile(r"[^\x20-\x7e]")


def describe_browser(user_agent: str) -> str:
    """A short description of the browser a request came from."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser and system:
        return f"{browser}, {system}"
    return browser or system or _PRINTABLE.sub("", user_agent)[:40] or "?"


class StoredSession(ServerSideSession):
    """A session, knowing whether its row was read from the store this request."""

    stored = False


class DatabaseSessionInterface(ServerSideSessionInterface):
    """Flask-Session's server-side session, kept in the store's `account_sessions` table."""

    session_class = StoredSession
    ttl = False  # the table has no TTL of its own: the store purges expired rows

    def __init__(self, app: Flask) -> None:
        # Not permanent: the cookie ends with the browser; the store's timeouts end the row.
        super().__init__(app, key_prefix="", permanent=False)

    @staticmethod
    def _store() -> SessionStore:
        store = current_app.extensions["consortia"].marketplace.sessions
        if store is None:
            raise RuntimeError("the services were built without a session store")
        return store  # type: ignore[no-any-return]

    @classmethod
    def _now(cls) -> Any:
        return cls._store().clock.now()  # the sessions' wall clock, not the business's

    def _get_store_id(self, sid: str) -> str:
        # Only a digest of the id is ever stored: a database copy opens no session.
        return id_digest(sid)

    def digest(self, session: SessionMixin) -> str:
        """What the store keys this session by."""
        return self._get_store_id(session.sid)  # type: ignore[attr-defined]

    def open_session(self, app: Flask, request: Any) -> StoredSession:
        session: StoredSession = super().open_session(app, request)  # type: ignore[assignment]
        # Flask-Session keeps the cookie's id only when the store had the session.
        cookie = request.cookies.get(app.config["SESSION_COOKIE_NAME"])
        session.stored = bool(cookie) and session.sid == cookie
        return session

    def renew(self, session: SessionMixin) -> None:
        """A new id for the session, the old row gone (against session fixation)."""
        if getattr(session, "stored", False):
            self._delete_session(self.digest(session))
        session.sid = self._generate_sid(self.sid_length)  # type: ignore[attr-defined]
        session.stored = False  # type: ignore[attr-defined]
        session.modified = True

    def _retrieve_session_data(self, store_id: str) -> dict[str, Any] | None:
        data = self._store().read(store_id, self._now())
        return None if data is None else self.serializer.decode(data)  # type: ignore[union-attr]

    def _delete_session(self, store_id: str) -> None:
        self._store().end(store_id)

    def _upsert_session(self, session_lifetime: timedelta, session: ServerSideSession,
                        store_id: str) -> None:
        # A session that was in the store is only ever updated: if it was ended while
        # this request ran (signed out in another tab, ended by an officer), it stays ended.
        account_id = session.get("_user_id")
        # Browser and address let a person tell their sessions apart; a visitor's form
        # token needs neither, so of visitors nothing is kept.
        browser = describe_browser(request.headers.get("User-Agent", "")) if account_id else ""
        address = (request.remote_addr or "") if account_id else ""
        self._store().write(
            store_id, self.serializer.encode(session),  # type: ignore[union-attr]
            account_id=account_id, now=self._now(), browser=browser, address=address,
            new=not getattr(session, "stored", False))

    def _delete_expired_sessions(self) -> None:
        self._store().purge(self._now())


def interface() -> DatabaseSessionInterface:
    """The app's session interface."""
    return current_app.session_interface  # type: ignore[return-value]


def init_app(app: Flask) -> None:
    """Keep the app's sessions in its store."""
    # A row is written when the session changes; its last use is noted by the store.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.session_interface = DatabaseSessionInterface(app)
