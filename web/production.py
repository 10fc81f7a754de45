"""Production mode (CONSORTIA_ENV=production): the app refuses to start on unsafe settings.

Local runs may fall back on conveniences: a session key kept in var/secret-key, the
development vault and audit keys, the fake Stripe, debug pages, werkzeug's server. In
production each of them would be a hole (a key anyone can read in this repository,
payments that move no money, tracebacks shown to strangers), so `create_app` and
`consortia serve` refuse, with one line naming every setting to fix, before anything
listens on a port.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marketplace.errors import ConfigurationError
from marketplace.settings import Settings


class UnsafeProductionError(ConfigurationError):
    """Production mode with a development key, a missing secret or debug on."""


def _app_problems(settings: Settings, config: Mapping[str, Any], debug: bool) -> list[str]:
    problems = []
    if debug and not settings.debug:  # FLASK_DEBUG is among the settings' own problems
        problems.append("debug is on (FLASK_DEBUG or DEBUG)")
    if config.get("DEV_MODE"):
        problems.append("DEV_MODE (developer pages) is on")
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE", "WTF_CSRF_SSL_STRICT"):
        if not config.get(name):
            problems.append(f"{name} is off")
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        raise UnsafeProductionError("refusing to start in production (CONSORTIA_ENV="
                                    "production): " + "; ".join(problems))


# werkzeug's server is for one developer: no worker supervision, no request timeouts.
DEVELOPMENT_SERVER = "the development server (consortia serve without --workers; use gunicorn)"


def refuse_unsafe_environment(settings: Settings, development_server: bool = False) -> None:
    """Before serving: in production, every secret must come from the environment, and
    the server must be gunicorn (`consortia serve --workers N`)."""
    if settings.production:
        _refuse(settings.problems() + ([DEVELOPMENT_SERVER] if development_server else []))


def refuse_unsafe_app(settings: Settings, config: Mapping[str, Any], debug: bool) -> None:
    """In create_app: the settings' problems, and the app's own debug and cookie flags."""
    if settings.production:
        _refuse(settings.problems() + _app_problems(settings, config, debug))
