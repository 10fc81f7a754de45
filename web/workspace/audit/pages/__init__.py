"""The auditor's pages, by topic: the log, one record's history, the checks, the exports."""

from __future__ import annotations

from flask import render_template

from web.extensions import htmx


def render(template: str, fragment: str, /, **context: object) -> str:
    """The whole page, or only its fragment when htmx asks (not when it restores history)."""
    if htmx and not htmx.history_restore_request:
        return render_template(fragment, **context)
    return render_template(template, **context)
