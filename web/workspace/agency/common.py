"""What every formation form shares: the stale-form check, refusals, page or fragment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError
from marketplace.errors import ConflictError, NotFoundError
from marketplace.formation.queries import companies_to_identify, consortium_formation
from web.authz import principal
from web.extensions import htmx, services
from web.workspace.agency import heatmap
from web.workspace.agency.choices import stage_list, stage_names, work_share_rules

Page = Response | tuple[str, int]


class StaleForm(Exception):
    """The form was filled in on an older version of what it changes."""


def stale_message() -> str:
    return _("This changed since you opened the page; reload and try again.")


def sentence(message: str) -> str:
    """A domain message as a sentence on the page."""
    return message[:1].upper() + message[1:]


def formation_or_404(slug: str) -> dict[str, Any]:
    """The consortium's formation read model, or a 404 page."""
    try:
        return consortium_formation(services().engine, slug)
    except NotFoundError:
        abort(404)


def check_fresh(current: int) -> None:
    """Refuse a form whose hidden version is not the version the read model has now."""
    if request.form.get("version", "").strip() != str(current):
        raise StaleForm


def _fee_text(rules: dict[str, Any] | None) -> str:
    """The fee schedule in force as the rules form's lines, or a first suggestion."""
    if not rules:
        return "standard 2400"
    return "\n".join(f"{tier} {fee['amount']}" for tier, fee in rules["annual_fees"].items())


def render_formation(formation: dict[str, Any], status: int = 200, *, error: str | None = None,
                     failed: str | None = None, notice: str | None = None) -> tuple[str, int]:
    """The formation page, or only its body for htmx; a refused form keeps what was typed."""
    context = {
        "f": formation, "error": error, "failed": failed, "notice": notice,
        "typed": request.form if failed else {},
        "can_act": principal().holds("officer"),
        "companies": companies_to_identify(services().engine, formation["consortium_id"]),
        "stage_names": stage_names(), "work_share_rules": work_share_rules(),
        "work_share_labels": dict(work_share_rules()),
        "heat": heatmap.build(formation["matrix"]),
        "stage_list": stage_list,
        "fee_text": _fee_text(formation["governance"]["rules"]),
    }
    if htmx and not htmx.history_restore_request:
        return render_template("agency/_partials/formation.html", **context), status
    return render_template("agency/consortium.html", **context), status


def act(slug: str, form: str, run: Callable[[dict[str, Any]], Any],
        version_of: Callable[[dict[str, Any]], int] | None = None) -> Page:
    """Run one formation form's command; 409 if stale, 422 with the rule's words if refused.

    `version_of` picks the version the form must carry (the consortium's by default).
    """
    formation = formation_or_404(slug)
    try:
        check_fresh(version_of(formation) if version_of else formation["version"])
        run(formation)
    except StaleForm:
        return render_formation(formation, 409, error=stale_message(), failed=form)
    except ConflictError:
        return render_formation(formation, 409, error=stale_message(), failed=form)
    except DomainError as refused:
        return render_formation(formation, 422, error=sentence(str(refused)), failed=form)
    notice = _("Saved.")
    if htmx:
        return render_formation(formation_or_404(slug), notice=notice)
    flash(notice, "success")
    return redirect(url_for("agency.consortium", slug=slug, _anchor=form), code=303)


def membership_version(membership_id: str) -> Callable[[dict[str, Any]], int]:
    """The version a form about one prospect must carry; 404 if not a prospect here."""

    def version(formation: dict[str, Any]) -> int:
        for prospect in formation["prospects"]:
            if prospect["membership_id"] == membership_id:
                return int(prospect["version"])
        abort(404)

    return version
