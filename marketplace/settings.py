"""Every setting, read from the environment once, here and nowhere else.

`Settings.from_env()` is the one place that reads the variables; the CLI and `create_app`
build it and hand it to `bootstrap`. Tests build a `Settings` of their own instead of
patching the environment. `problems()` lists what production mode refuses.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from marketplace.errors import ConfigurationError
from marketplace.formation.programme import ProgrammeCaps
from marketplace.store import Store, connect_postgres, parse_store, prepare

DEFAULT_DATABASE_URL = "sqlite:///var/consortia.db"
# Only for development and tests: a deployment sets its own CONSORTIA_VAULT_KEY.
DEVELOPMENT_VAULT_KEY = "consortia-development-vault-key"
# Likewise for the hash chain: a deployment sets its own CONSORTIA_AUDIT_KEY.
DEVELOPMENT_AUDIT_KEY = b"consortia-development-audit-key"
DEFAULT_BASE_URL = "http://127.0.0.1:5000"
DEFAULT_MAIL_FROM = "Export consortia <no-reply@localhost>"
DEFAULT_RATE_LIMIT = "10 per minute"
DEFAULT_PAGE_CACHE_SIZE = 256
# A signed-in session ends after this long without use, and this long after sign-in
# whatever happens (marketplace/accounts/sessions.py): an office day, and a lunch break.
DEFAULT_SESSION_IDLE_MINUTES = 120
DEFAULT_SESSION_MAX_HOURS = 12
SESSION_IDLE_MINUTES_BOUNDS = (5, 24 * 60)
SESSION_MAX_HOURS_BOUNDS = (1, 7 * 24)
SECRET_KEY_MIN_LENGTH = 32  # secrets.token_hex(16) and up; a word is guessed offline
# "aaaa…" shows 1 character; a random token_hex(16) shows fewer than 8 about once in 10^7.
KEY_MIN_DISTINCT = 8
STRIPE_API = "https://api.stripe.com"
MAX_PROXY_HOPS = 10
DEFAULT_REDIS_PREFIX = "consortia"
DEFAULT_BLOB_URL = "var/blobs"  # documents' bytes on this machine's disk
DOCUMENT_LIMIT_BYTES = 25 * 1024 * 1024  # one file on an RFQ or a quote
RFQ_DOCUMENTS_LIMIT_BYTES = 100 * 1024 * 1024  # all the files of one RFQ together
# An S3 bucket's name: 3 to 63 lower-case letters, digits, dots and hyphens.
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


@dataclass(frozen=True)
class Settings:
    """What a deployment chooses: the store, keys, mail, Stripe and the web's limits."""

    database_url: str = DEFAULT_DATABASE_URL
    # Turns e-mail addresses into the vault's lookup digests, and keys the password store.
    # The key that seals tokens at rest is derived from it (HKDF, marketplace/sealing.py).
    vault_key: bytes = DEVELOPMENT_VAULT_KEY.encode()
    # Keys the hash chain over the events; it lives outside the database on purpose.
    audit_key: bytes = DEVELOPMENT_AUDIT_KEY
    # The public address mails link to, without a final /. None (CONSORTIA_BASE_URL unset):
    # the address the server was started on (`served_at`), which production refuses.
    base_url: str | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    smtp_url: str | None = None  # None: mails stay in the local outbox
    stripe_secret_key: str | None = None  # None: card payments are off
    stripe_webhook_secret: str = ""
    stripe_api_base: str | None = None  # another Stripe (the fake one) instead of Stripe's
    secret_key: str | None = None  # Flask's session key; None: one kept under var/
    dev: bool = False  # developer pages, and cookies allowed over plain HTTP
    production: bool = False
    debug: bool = False  # FLASK_DEBUG, as Flask itself reads it
    cli_tracebacks: bool = False  # the CLI shows tracebacks instead of one line
    rfq_rate_limit: str = DEFAULT_RATE_LIMIT  # flask-limiter syntax; `make bench` raises it
    login_rate_limit: str = DEFAULT_RATE_LIMIT  # per client address; accounts/throttle.py waits
    page_cache_size: int = DEFAULT_PAGE_CACHE_SIZE  # rendered public pages kept; 0 = off
    proxy_hops: int = 0  # trusted reverse proxies in front of the app (web/security.py)
    # Where every server process counts the rate limits (redis://host:port/db). None: each
    # process counts on its own, in memory, which production allows only with one worker.
    redis_url: str | None = None
    redis_prefix: str = DEFAULT_REDIS_PREFIX  # keys' prefix, so installations can share a Redis
    workers: int = 1  # web processes `consortia serve --workers` runs (the CLI sets it)
    session_idle_minutes: int = DEFAULT_SESSION_IDLE_MINUTES  # a session unused this long ends
    session_max_hours: int = DEFAULT_SESSION_MAX_HOURS  # and any session this long after sign-in
    # Where documents' bytes live: a directory (default var/blobs) or s3://bucket/prefix.
    blob_url: str = DEFAULT_BLOB_URL
    s3_endpoint_url: str | None = None  # another S3-compatible service than AWS's
    s3_region: str | None = None
    s3_access_key: str | None = None  # None: boto3's own chain (instance roles, profiles)
    s3_secret_key: str | None = None
    document_limit: int = DOCUMENT_LIMIT_BYTES
    rfq_documents_limit: int = RFQ_DOCUMENTS_LIMIT_BYTES
    # The seed-funding cap of the agency's programme (EUR 700,000), per agency if they differ.
    programme_caps: ProgrammeCaps = ProgrammeCaps()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The settings the environment (by default os.environ) names, then `overrides`."""
        env = os.environ if environ is None else environ
        read = {
            "database_url": env.get("CONSORTIA_DATABASE_URL") or DEFAULT_DATABASE_URL,
            "vault_key": (env.get("CONSORTIA_VAULT_KEY") or DEVELOPMENT_VAULT_KEY).encode(),
            "audit_key": (env.get("CONSORTIA_AUDIT_KEY") or "").encode() or DEVELOPMENT_AUDIT_KEY,
            "base_url": (env.get("CONSORTIA_BASE_URL") or "").rstrip("/") or None,
            "mail_from": env.get("CONSORTIA_MAIL_FROM") or DEFAULT_MAIL_FROM,
            "smtp_url": env.get("CONSORTIA_SMTP_URL") or None,
            "stripe_secret_key": env.get("STRIPE_SECRET_KEY") or None,
            "stripe_webhook_secret": env.get("STRIPE_WEBHOOK_SECRET", ""),
            "stripe_api_base": env.get("STRIPE_API_BASE") or None,
            "secret_key": env.get("CONSORTIA_SECRET_KEY") or None,
            "dev": env.get("CONSORTIA_DEV") == "1",
            "production": env.get("CONSORTIA_ENV") == "production",
            # Flask's own reading of FLASK_DEBUG (flask.helpers.get_debug_flag).
            "debug": env.get("FLASK_DEBUG", "").lower() not in ("", "0", "false", "no"),
            "cli_tracebacks": bool(env.get("CONSORTIA_DEBUG")),
            "rfq_rate_limit": env.get("CONSORTIA_RFQ_RATE_LIMIT", DEFAULT_RATE_LIMIT),
            "login_rate_limit": env.get("CONSORTIA_LOGIN_RATE_LIMIT", DEFAULT_RATE_LIMIT),
            "page_cache_size": _whole_number("CONSORTIA_PAGE_CACHE_SIZE", env.get(
                "CONSORTIA_PAGE_CACHE_SIZE", str(DEFAULT_PAGE_CACHE_SIZE))),
            "proxy_hops": proxy_hops(env.get("CONSORTIA_PROXY_HOPS")),
            "redis_url": redis_url(env.get("CONSORTIA_REDIS_URL")),
            "redis_prefix": env.get("CONSORTIA_REDIS_PREFIX") or DEFAULT_REDIS_PREFIX,
            "session_idle_minutes": _bounded(
                "CONSORTIA_SESSION_IDLE_MINUTES", env.get("CONSORTIA_SESSION_IDLE_MINUTES"),
                DEFAULT_SESSION_IDLE_MINUTES, SESSION_IDLE_MINUTES_BOUNDS),
            "session_max_hours": _bounded(
                "CONSORTIA_SESSION_MAX_HOURS", env.get("CONSORTIA_SESSION_MAX_HOURS"),
                DEFAULT_SESSION_MAX_HOURS, SESSION_MAX_HOURS_BOUNDS),
            "blob_url": blob_url(env.get("CONSORTIA_BLOB_URL")),
            "s3_endpoint_url": env.get("CONSORTIA_S3_ENDPOINT_URL") or None,
            "s3_region": env.get("AWS_DEFAULT_REGION") or env.get("AWS_REGION") or None,
            "s3_access_key": env.get("AWS_ACCESS_KEY_ID") or None,
            "s3_secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
            "document_limit": _bounded(
                "CONSORTIA_DOCUMENT_LIMIT_BYTES", env.get("CONSORTIA_DOCUMENT_LIMIT_BYTES"),
                DOCUMENT_LIMIT_BYTES, (1024, 1024 ** 3)),
            "rfq_documents_limit": _bounded(
                "CONSORTIA_RFQ_DOCUMENTS_LIMIT_BYTES",
                env.get("CONSORTIA_RFQ_DOCUMENTS_LIMIT_BYTES"),
                RFQ_DOCUMENTS_LIMIT_BYTES, (1024, 10 * 1024 ** 3)),
            "programme_caps": ProgrammeCaps.parse(env.get("CONSORTIA_PROGRAMME_CAP"),
                                                  env.get("CONSORTIA_PROGRAMME_CAPS")),
        }
        return cls(**{**read, **overrides})

    def served_at(self, host: str, port: int, scheme: str = "http") -> Settings:
        """These settings for a server started on host:port: mails link there unless
        CONSORTIA_BASE_URL names the public address."""
        if self.base_url is not None:
            return self
        return replace(self, base_url=served_address(host, port, scheme))

    @property
    def session_idle(self) -> timedelta:
        """How long a session may go unused before it ends."""
        return timedelta(minutes=self.session_idle_minutes)

    @property
    def session_max_age(self) -> timedelta:
        """How long after sign-in a session ends, however busy."""
        return timedelta(hours=self.session_max_hours)

    @property
    def store(self) -> Store:
        """The store the database URL names (ConfigurationError when it names none)."""
        return parse_store(self.database_url)

    def problems(self) -> list[str]:
        """What production mode refuses in these settings, one short phrase each."""
        found = [_weak_key("CONSORTIA_SECRET_KEY", (self.secret_key or "").encode()),
                 _weak_key("CONSORTIA_VAULT_KEY", self.vault_key, DEVELOPMENT_VAULT_KEY.encode()),
                 _weak_key("CONSORTIA_AUDIT_KEY", self.audit_key, DEVELOPMENT_AUDIT_KEY)]
        # A Stripe that is not Stripe (the fake) marks fees paid while no money moves.
        found.append(_malformed("STRIPE_SECRET_KEY", self.stripe_secret_key, "sk_live_",
                                "sk_test_"))
        found.append(_malformed("STRIPE_WEBHOOK_SECRET", self.stripe_webhook_secret, "whsec_"))
        if self.stripe_api_base and self.stripe_api_base.rstrip("/") != STRIPE_API:
            found.append(f"STRIPE_API_BASE points away from Stripe ({STRIPE_API}): "
                         "the fake Stripe moves no money")
        # Mails would link to wherever this process listens, not to the public site.
        if not self.base_url:
            found.append("CONSORTIA_BASE_URL is not set")
        if self.dev:
            found.append("CONSORTIA_DEV=1 (developer pages, the fake Stripe) is on")
        if self.debug:
            found.append("debug is on (FLASK_DEBUG)")
        # Each worker would count the rate limits on its own: N workers, N times the limit.
        if self.workers > 1 and not self.redis_url:
            found.append(f"--workers {self.workers} without CONSORTIA_REDIS_URL (the rate "
                         "limits need a store the workers share)")
        return [problem for problem in found if problem]


def _weak_key(name: str, key: bytes, development: bytes = b"") -> str:
    """Why a key would be guessed offline ("" if it would not): unset, the development key
    anyone can read here, short, or made of a few characters repeated ("aaaa…")."""
    key = key.strip()
    if not key or key == development:
        return f"{name} is not set"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"{name} is shorter than {SECRET_KEY_MIN_LENGTH} characters"
    if len(set(key)) < KEY_MIN_DISTINCT:
        return (f"{name} repeats too few characters (fewer than {KEY_MIN_DISTINCT} "
                "different): use a random key")
    return ""


def _malformed(name: str, value: str | None, *prefixes: str) -> str:
    """Why a Stripe secret cannot be one ("" if it can): unset, blank, or the wrong kind."""
    value = (value or "").strip()
    if not value:
        return f"{name} is not set"
    if not any(value.startswith(prefix) and len(value) > len(prefix) for prefix in prefixes):
        return f"{name} does not start with {' or '.join(prefixes)}"
    return ""


def served_address(host: str, port: int | str, scheme: str = "http") -> str:
    """The address of a server listening on host:port, as a link's start; a server on every
    interface ("0.0.0.0", "::") is reached by this machine's name."""
    if host in ("", "0.0.0.0", "::"):
        host = socket.gethostname() or "localhost"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def proxy_hops(value: str | None) -> int:
    """CONSORTIA_PROXY_HOPS as a count of trusted proxies, or one line saying it is wrong."""
    text = (value or "0").strip()
    if not text.isdigit() or int(text) > MAX_PROXY_HOPS:
        raise ConfigurationError("CONSORTIA_PROXY_HOPS must be a number of proxies "
                                 "from 0 to %(most)s, not %(value)s",
                                 most=MAX_PROXY_HOPS, value=repr(value))
    return int(text)


def redis_url(value: str | None) -> str | None:
    """CONSORTIA_REDIS_URL as a Redis address, None when unset, or one line saying it is wrong."""
    text = (value or "").strip()
    if not text:
        return None
    if not text.startswith(("redis://", "rediss://", "unix://")):
        # The address may hold a password: the message does not repeat it.
        raise ConfigurationError("CONSORTIA_REDIS_URL must start with redis://, rediss:// "
                                 "or unix://")
    return text


def blob_url(value: str | None) -> str:
    """CONSORTIA_BLOB_URL as a directory or s3://bucket/prefix, or one line saying it is wrong."""
    text = (value or "").strip()
    if not text:
        return DEFAULT_BLOB_URL
    if text.startswith("s3://"):
        bucket = text.removeprefix("s3://").split("/", 1)[0]
        if not _BUCKET.fullmatch(bucket) or ".." in text or "?" in text or "#" in text:
            raise ConfigurationError("CONSORTIA_BLOB_URL must be s3://bucket/prefix with a "
                                     "valid bucket name, not %(value)s", value=repr(text))
        return text
    if text.startswith("file://"):
        text = text.removeprefix("file://")
    if "://" in text or not text or "\0" in text:
        raise ConfigurationError("CONSORTIA_BLOB_URL must be a directory or "
                                 "s3://bucket/prefix, not %(value)s", value=repr(text))
    return text


def _bounded(name: str, value: str | None, default: int, bounds: tuple[int, int]) -> int:
    """A whole number from the environment within bounds, or one line saying it is not."""
    number = _whole_number(name, value) if value else default
    least, most = bounds
    if not least <= number <= most:
        raise ConfigurationError("%(name)s must be from %(least)s to %(most)s, not %(value)s",
                                 name=name, least=least, most=most, value=repr(value))
    return number


def _whole_number(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError("%(name)s must be a whole number, not %(value)s",
                                 name=name, value=repr(value)) from None


__all__ = ["DEFAULT_DATABASE_URL", "blob_url", "DEVELOPMENT_VAULT_KEY", "Settings", "Store",
           "connect_postgres", "parse_store", "prepare", "proxy_hops", "redis_url",
           "served_address"]
