"""One aggregate's history with what each event changed, and any aggregate as it was."""

from __future__ import annotations

from uuid import UUID

from flask import abort, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from marketplace.audit.names import find_records
from marketplace.audit.queries import aggregate_rows, public_page_slug
from marketplace.audit.steps import Corrections, state_of
from marketplace.errors import NotFoundError
from web import params, refusals
from web.authz import allow
from web.extensions import services
from web.workspace.audit import access, audit, forms
from web.workspace.audit.naming import look_up


@audit.get("/aggregates/<uuid:aggregate_id>")
@allow("auditor", "officer")
def aggregate(aggregate_id: UUID) -> str:
    """Each event of one consortium, membership, bid...: the state after it and its changes."""
    access.require_record(str(aggregate_id))
    history = access.history(aggregate_id)
    # The log knows each version's position and actor; versions are in log order.
    logged = {n + 1: row for n, row in enumerate(aggregate_rows(services().engine,
                                                                str(aggregate_id)))}
    kind = history[0].type.split(".")[0]
    return render_template(
        "audit/aggregate.html", aggregate_id=str(aggregate_id), kind=kind,
        history=history, logged=logged, corrections=Corrections.of(history),
        slug=public_page_slug(services().engine, kind, str(aggregate_id)),
        **look_up(str(aggregate_id), [(s.state, s.changes) for s in history],
                  [row["actor"] for row in logged.values()]))


@audit.get("/as-of")
@allow("auditor", "officer")
def as_of() -> tuple[str, int] | str:
    """A consortium, membership or bid as it was at a version or at a moment (UTC); found
    by its name (`q`), or by its id."""
    typed = request.args
    context = {"aggregate_id": typed.get("aggregate_id", "")[:36],
               "version": typed.get("version", "")[:10], "moment": typed.get("moment", "")[:40],
               "q": typed.get("q", "")[:120], "matches": None}
    try:
        uid, version, moment = (params.uuid("aggregate_id"), forms.version(),
                                forms.as_of_moment())
        q = params.text("q", limit=120).strip()
        if version is not None and moment is not None:
            abort(400, _("Give a version or a moment, not both."))
    except BadRequest as refused:
        # What cannot be read comes back in the form as typed, with the reason.
        return render_template("audit/as_of.html", error=refused.description, **context), 400
    context["matches"] = access.readable_records(find_records(services().engine, q)) \
        if q else None
    if uid is not None:
        context["aggregate_id"] = str(uid)
    if uid is None:
        return render_template("audit/as_of.html", **context)
    access.require_record(str(uid))
    try:
        found = services().marketplace.get_as_of(uid, version=version, moment=moment)
    except NotFoundError as error:
        return render_template("audit/as_of.html", error=refusals.words(error), **context), 404
    kind = type(found).__name__
    state = state_of(found)
    return render_template("audit/as_of.html", found=found, kind=kind, state=state,
                           at_version=found.version, **context, **look_up(str(uid), state))
