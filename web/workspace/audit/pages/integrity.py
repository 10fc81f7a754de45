"""Proving the history unaltered, and taking it away: the hash chain's check and the exports."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from flask import (
    Response,
    abort,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _

from marketplace.audit.verify import parse_head
from marketplace.errors import ConfigurationError, NotFoundError
from marketplace.exports.jsonl import event_records
from marketplace.exports.ocds import DEFAULT_PREFIX, write_release_package
from web import forms, refusals
from web.authz import allow
from web.extensions import services
from web.workspace.audit import access, audit, jobs
from web.workspace.audit.files import shown_files
from web.workspace.audit.naming import look_up
from web.workspace.audit.pages import render

KIND = "verify"


@audit.get("/verify")
@allow("auditor", "officer")
def verify_history() -> str:
    """The chain's check: its form, and the latest check's outcome; a GET starts nothing."""
    expect = request.args.get("expect", "").strip()[:100]
    return render_template("audit/verify.html", **_shown(jobs.latest(KIND), expect))


@audit.post("/verify")
@allow("auditor", "officer")
def start_verify() -> forms.Page:
    """Ask for the chain's check, optionally against a head written down earlier."""
    expected = forms.text("expect")[:100]
    started: list[str] = []

    def ask() -> None:
        if not hasattr(services().marketplace.recorder, "select_chain"):
            raise forms.Refused(_("This store keeps no hash chain, so there is nothing to "
                                  "verify."), 409)
        try:
            if expected:
                parse_head(expected)
        except ConfigurationError:
            raise forms.Refused(_("Write the head as the check printed it: 64 hexadecimal "
                                  "digits, @, and the position."), field="expect") from None
        started.append(jobs.start(KIND, {"expect": expected}))

    return forms.submit(
        ask, again=lambda refused: (render_template(
            "audit/verify.html", **_shown(jobs.latest(KIND), expected)), refused.status),
        done=lambda: redirect(url_for("audit.verify_job", job_id=started[0]), 303))


@audit.get("/verify/<job_id>")
@allow("auditor", "officer")
def verify_job(job_id: str) -> str:
    """One verification's progress, then the head to write down or the first damage."""
    job = access.job(KIND, job_id)
    return render("audit/verify.html", "audit/_partials/verify_progress.html",
                  **_shown(job, job.arguments.get("expect", "")))


def _shown(job: jobs.Shown | None, expect: str) -> dict[str, Any]:
    """A verify check's page: its row, the head asked for, and its damaged files named."""
    files = shown_files(job.result) if job is not None and job.result else None
    return {"job": job, "expect": expect, "files": files,
            **(look_up(files["damaged"]) if files and files["damaged"] else {})}


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@audit.get("/export.jsonl")
@allow("auditor", "officer")
def export_jsonl() -> Response:
    """Every event in order as JSON Lines, with actor and chain hash, streamed as it is read."""
    access.require_everything()
    app = services().marketplace

    def lines() -> Iterator[str]:
        for record in event_records(app):
            yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

    return Response(stream_with_context(lines()), mimetype="application/x-ndjson",
                    headers=_attachment("events.jsonl"))


@audit.get("/export.ocds.json")
@allow("auditor", "officer")
def export_ocds() -> Response:
    """The bids as an OCDS 1.1 release package (one ocid per bid)."""
    access.require_everything()
    out = io.StringIO()
    try:
        write_release_package(services().marketplace, out, prefix=DEFAULT_PREFIX,
                              publisher=_("Consortia marketplace"),
                              uri=url_for("audit.export_ocds", _external=True))
    except NotFoundError as error:
        abort(404, refusals.words(error))
    return Response(out.getvalue(), mimetype="application/json",
                    headers=_attachment("release-package.json"))
