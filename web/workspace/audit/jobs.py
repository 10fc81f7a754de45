"""The auditor's long checks, as the pages see them: asked for by a POST, read from their row.

A check runs in whichever process has a job runner (the projector process, or a thread of
a single-process server; see marketplace/audit/jobs.py), so any worker can start one and
any worker can show how far it got: the page reads the row and polls while it runs.
A GET never starts one, so a link on another site cannot. The same check asked for while
it waits or runs leads to the one already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError
from marketplace.audit.jobs import Job
from marketplace.audit.runner import check_arguments
from web import refusals
from web.authz import Principal, principal
from web.extensions import services


@dataclass(frozen=True)
class Shown:
    """One check for its page: its row, with the error worded in the page's language."""

    job: Job

    def __getattr__(self, name: str) -> Any:
        return getattr(self.job, name)

    @property
    def error(self) -> str | None:
        """Why the check could not finish, worded for the page (a refusal in its language)."""
        error = self.job.error
        if error is None:
            return None
        if error.get("wording"):
            return refusals.words(DomainError(error["wording"], **error.get("params", {})))
        return str(error.get("message", ""))


def start(kind: str, arguments: dict[str, Any]) -> str:
    """Ask for a check (or find the same one waiting or running); its id."""
    check_arguments(kind, arguments)
    who = principal()
    requested_by = who.account_id if isinstance(who, Principal) else "anonymous"
    return services().audit_jobs.request(kind, arguments, requested_by)


def find(kind: str, job_id: str) -> Shown | None:
    """A check of this kind by its id, whichever process started or runs it."""
    job = services().audit_jobs.find(job_id)
    return Shown(job) if job is not None and job.kind == kind else None


def latest(kind: str) -> Shown | None:
    """The check of this kind asked for last, if any."""
    job = services().audit_jobs.latest(kind)
    return Shown(job) if job is not None else None
