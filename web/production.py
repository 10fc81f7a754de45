"""Production mode (CONSORTIA_ENV=production): the app refuses to start on unsafe settings.

Local runs may fall back on conveniences: a session key kept in var/secret-key, the
development vault and audit keys, the fake Stripe, debug pages. In production each of
them would be a hole (a key anyone can read in this repository, payments that move no
money, tracebacks shown to strangers), so `create_app` and `consortia serve` refuse, with
one line naming every setting to fix, before anything listens on a port.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from marketplace.audit.chain import DEVELOPMENT_KEY as DEVELOPMENT_AUDIT_KEY
from marketplace.audit.chain import KEY_VARIABLE as AUDIT_KEY_VARIABLE
from marketplace.errors import ConfigurationError
from marketplace.settings import DEVELOPMENT_VAULT_KEY

SECRET_KEY_MIN_LENGTH = 32  # secrets.token_hex(16) and up; a word is guessed offline


class UnsafeProductionError(ConfigurationError):
    """Production mode with a development key, a missing secret or debug on."""


def in_production(environ: Mapping[str, str] | None = None) -> bool:
    """Whether CONSORTIA_ENV says this is a production server."""
    return (environ if environ is not None else os.environ).get("CONSORTIA_ENV") == "production"


def _environment_problems(environ: Mapping[str, str]) -> list[str]:
    problems = []
    secret = environ.get("CONSORTIA_SECRET_KEY", "")
    if not secret:
        problems.append("CONSORTIA_SECRET_KEY is not set")
    elif len(secret) < SECRET_KEY_MIN_LENGTH:
        problems.append(f"CONSORTIA_SECRET_KEY is shorter than {SECRET_KEY_MIN_LENGTH} "
                        "characters")
    if environ.get("CONSORTIA_VAULT_KEY", DEVELOPMENT_VAULT_KEY) == DEVELOPMENT_VAULT_KEY:
        problems.append("CONSORTIA_VAULT_KEY is not set")
    audit = environ.get(AUDIT_KEY_VARIABLE, "").encode()
    if audit in (b"", DEVELOPMENT_AUDIT_KEY):
        problems.append(f"{AUDIT_KEY_VARIABLE} is not set")
    # Without them `consortia serve` would start the fake Stripe: fees marked paid while
    # no money moves.
    for name in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"):
        if not environ.get(name):
            problems.append(f"{name} is not set")
    if environ.get("CONSORTIA_DEV") == "1":
        problems.append("CONSORTIA_DEV=1 (developer pages) is on")
    return problems


def _app_problems(config: Mapping[str, Any], debug: bool) -> list[str]:
    problems = []
    if debug:
        problems.append("debug is on (FLASK_DEBUG or DEBUG)")
    if config.get("DEV_MODE"):
        problems.append("DEV_MODE (developer pages) is on")
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if not config.get(name):
            problems.append(f"{name} is off")
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        raise UnsafeProductionError("refusing to start in production (CONSORTIA_ENV="
                                    "production): " + "; ".join(problems))


def refuse_unsafe_environment(environ: Mapping[str, str] | None = None) -> None:
    """Before serving: in production, every secret must come from the environment."""
    environ = environ if environ is not None else os.environ
    if not in_production(environ):
        return
    # Flask's own reading of FLASK_DEBUG (flask.helpers.get_debug_flag).
    flag = environ.get("FLASK_DEBUG", "").lower() not in ("", "0", "false", "no")
    debug = ["debug is on (FLASK_DEBUG)"] if flag else []
    _refuse(_environment_problems(environ) + debug)


def refuse_unsafe_app(config: Mapping[str, Any], debug: bool,
                      environ: Mapping[str, str] | None = None) -> None:
    """In create_app: the environment's checks, and the app's own debug and cookie flags."""
    environ = environ if environ is not None else os.environ
    if not in_production(environ):
        return
    _refuse(_environment_problems(environ) + _app_problems(config, debug))
