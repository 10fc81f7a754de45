"""The replay check from the auditor's screen: started, then watched while it runs.

The check rebuilds the read models in a scratch place and compares them with the live
ones. It changes nothing stored, yet only a POST starts it (see jobs.py): a link on
another site must not set the server to work.
"""

from __future__ import annotations

from flask import redirect, render_template, url_for

from web import forms
from web.authz import allow
from web.workspace.audit import access, audit, jobs
from web.workspace.audit.pages import render

KIND = "replay"


@audit.get("/replay")
@allow("auditor", "officer")
def replay() -> str:
    """Where the replay check is started, with the latest one's outcome."""
    return render_template("audit/replay.html", job=jobs.latest(KIND))


@audit.post("/replay/run")
@allow("auditor", "officer")
def start_replay() -> forms.Page:
    """Ask for a replay check, unless one waits or runs; then watch it."""
    started: list[str] = []
    return forms.submit(
        lambda: started.append(jobs.start(KIND, {})),
        again=lambda refused: (render_template("audit/replay.html", job=jobs.latest(KIND)),
                               refused.status),
        done=lambda: redirect(url_for("audit.replay_job", job_id=started[0]), 303))


@audit.get("/replay/<job_id>")
@allow("auditor", "officer")
def replay_job(job_id: str) -> str:
    """One replay check's progress; htmx polls the fragment until the report is in."""
    job = access.job(KIND, job_id)
    return render("audit/replay_job.html", "audit/_partials/replay_progress.html", job=job)
