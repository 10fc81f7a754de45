"""The replay check from the auditor's screen: started, then watched while it runs.

The check rebuilds the read models in a scratch place and compares them with the live
ones; it changes nothing stored, so a GET may start it (see jobs.py).
"""

from __future__ import annotations

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from marketplace.projection.replay_check import check_replay
from web.authz import allow
from web.extensions import services
from web.workspace.audit import access, audit, jobs
from web.workspace.audit.pages import render

KIND = "replay"


@audit.get("/replay")
@allow("auditor", "officer")
def replay() -> str:
    """Where the replay check is started, with the latest one's outcome."""
    return render_template("audit/replay.html", job=jobs.latest(KIND))


@audit.get("/replay/run")
@allow("auditor", "officer")
def start_replay() -> Response:
    """Start a replay check, unless one is running; then watch it."""
    built = services()
    job = jobs.start(KIND, lambda progress: check_replay(built, progress))
    return redirect(url_for("audit.replay_job", job_id=job.id), 303)  # type: ignore[return-value]


@audit.get("/replay/<job_id>")
@allow("auditor", "officer")
def replay_job(job_id: str) -> str:
    """One replay check's progress; htmx polls the fragment until the report is in."""
    job = access.job(KIND, job_id)
    return render("audit/replay_job.html", "audit/_partials/replay_progress.html", job=job)
