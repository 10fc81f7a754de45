"""Long checks run beside the request: started by a GET, watched until their result is in.

Auditors may not send a POST, and need not: the checks here (the hash chain's verification,
the replay check) only read the history, or rebuild in a scratch place, so starting one
with a GET changes nothing stored. Over a million events they take longer than a request
should, so they run in a thread of the web process and the page polls their progress.
One check of a kind and with the same arguments runs at a time; asking again while it
runs leads to the same one.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from domain.errors import DomainError
from web import refusals

Progress = Callable[[int, int], None]
_KEY = "audit.jobs"
_KEPT = 20  # finished jobs kept per process, newest first, for their pages to show
_order = itertools.count()


@dataclass
class Job:
    """One check: how far it got, and its result or its error once done."""

    kind: str
    arguments: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    done: int = 0
    total: int = 0
    result: Any = None
    failure: Exception | None = None
    started: int = field(default_factory=lambda: next(_order))
    finished: threading.Event = field(default_factory=threading.Event)

    @property
    def error(self) -> str | None:
        """Why the check could not finish, worded for the page (a refusal in its language)."""
        if self.failure is None:
            return None
        if isinstance(self.failure, DomainError):
            return refusals.words(self.failure)
        return str(self.failure) or type(self.failure).__name__

    @property
    def running(self) -> bool:
        return not self.finished.is_set()

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def run(self, work: Callable[[Progress], Any]) -> None:
        try:
            self.result = work(self.progress)
        except Exception as error:  # noqa: BLE001 - shown to the auditor, who can run it again
            self.failure = error
        finally:
            self.finished.set()


def _jobs() -> dict[str, Any]:
    jobs: dict[str, Any] = current_app.extensions.setdefault(
        _KEY, {"lock": threading.Lock(), "all": {}})
    return jobs


def start(kind: str, work: Callable[[Progress], Any], arguments: str = "") -> Job:
    """Start a check in a thread of its own, or find the same one still running."""
    jobs = _jobs()
    with jobs["lock"]:
        for job in jobs["all"].values():
            if job.kind == kind and job.arguments == arguments and job.running:
                return job
        job = Job(kind, arguments)
        jobs["all"][job.id] = job
        done = sorted((j for j in jobs["all"].values() if not j.running),
                      key=lambda j: j.started, reverse=True)
        for old in done[_KEPT:]:
            del jobs["all"][old.id]
        threading.Thread(target=job.run, args=(work,), daemon=True,
                         name=f"audit-{kind}-{job.id[:8]}").start()
        return job


def find(kind: str, job_id: str) -> Job | None:
    """A check of this kind by its id, if this process still knows it."""
    job: Job | None = _jobs()["all"].get(job_id)
    return job if job is not None and job.kind == kind else None


def latest(kind: str) -> Job | None:
    """The check of this kind started last, if any."""
    found = [job for job in _jobs()["all"].values() if job.kind == kind]
    return max(found, key=lambda job: job.started) if found else None
