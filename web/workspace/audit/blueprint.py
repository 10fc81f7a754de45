"""The `audit` blueprint: the auditor's read-only screens, under /workspace/audit."""

from __future__ import annotations

from flask import Blueprint, render_template

from web.extensions import htmx

audit = Blueprint("audit", __name__, url_prefix="/workspace/audit")


def render(template: str, fragment: str, /, **context: object) -> str:
    """The whole page, or only its fragment when htmx asks (not when it restores history)."""
    if htmx and not htmx.history_restore_request:
        return render_template(fragment, **context)
    return render_template(template, **context)
