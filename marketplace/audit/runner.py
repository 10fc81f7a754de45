"""Runs the auditor's checks asked for in `audit_jobs`, in whichever process has a runner.

`consortia project` runs one beside the follower; a single-process `consortia serve`
(no projector process) runs one in a thread. Each check kind is a function of the
services, its arguments and a progress callback, returning a plain, JSON-able result.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from domain.errors import DomainError
from marketplace.audit.documents import check_files, recorded_files
from marketplace.audit.jobs import LEASE, AuditJobs, Job
from marketplace.audit.verify import parse_head, verify
from marketplace.bootstrap import Services
from marketplace.errors import ConfigurationError
from marketplace.projection.replay_check import check_replay

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Work = Callable[[Services, dict[str, Any], Progress], Any]
SHOWN_DIFFERENCES = 100  # the page lists this many; the count says how many there were


def _verify(services: Services, arguments: dict[str, Any], progress: Progress) -> Any:
    """The chain, then every recorded file: progress counts the chain's positions, then
    the files, so the bar runs once from start to end."""
    expect = arguments.get("expect") or ""
    app = services.marketplace
    files = recorded_files(app)
    chain = [0]

    def chained(done: int, total: int) -> None:
        chain[0] = total
        progress(done, total + len(files))

    verdict = verify(app.recorder, expect=parse_head(expect) if expect else None,
                     progress=chained)
    damaged = list(check_files(files, app.blobs, progress=lambda done, total: progress(
        chain[0] + done, chain[0] + total)))
    return {"intact": verdict.intact, "events": verdict.events, "head": str(verdict.head),
            "problem": asdict(verdict.problem) if verdict.problem else None,
            "files": {"checked": len(files), "damaged_count": len(damaged),
                      "damaged": [asdict(p) for p in damaged[:SHOWN_DIFFERENCES]]}}


def _replay(services: Services, _arguments: dict[str, Any], progress: Progress) -> Any:
    report = check_replay(services, progress)
    return {"clean": report.clean, "events": report.events, "position": report.position,
            "events_per_second": report.events_per_second,
            "difference_count": len(report.differences),
            "differences": [asdict(d) for d in report.differences[:SHOWN_DIFFERENCES]]}


KINDS: dict[str, Work] = {"verify": _verify, "replay": _replay}


def check_arguments(kind: str, arguments: dict[str, Any]) -> None:
    """Refuse a check that could never run, before it is asked for."""
    if kind not in KINDS:
        raise ConfigurationError("there is no check called %(kind)s", kind=kind)
    if kind == "verify" and arguments.get("expect"):
        parse_head(arguments["expect"])


def runner_name() -> str:
    """Who holds a lease: this machine, process and runner, for the row to say."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class JobRunner:
    """Claims checks one at a time and runs them, renewing its lease while each one runs."""

    def __init__(self, services: Services, jobs: AuditJobs, *, interval: float = 1.0,
                 lease: timedelta = LEASE, kinds: dict[str, Work] | None = None) -> None:
        self.services = services
        self.jobs = jobs
        self.interval = interval
        self.lease = lease
        self.kinds = kinds or KINDS
        self.name = runner_name()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> Job | None:
        """Run one waiting check, if there is one; the job as claimed, or None."""
        job = self.jobs.claim(self.name, lease=self.lease)
        if job is None:
            return None

        def progress(done: int, total: int) -> None:
            # Once another runner took the job over, nothing of this run is written.
            self.jobs.renew(job.job_id, self.name, done, total, self.lease)

        finished = threading.Event()
        beat = threading.Thread(target=self._renew_until, args=(job, finished),
                                daemon=True, name=f"audit-lease-{job.job_id[:8]}")
        beat.start()
        try:
            result = self.kinds[job.kind](self.services, job.arguments, progress)
        except Exception as error:  # noqa: BLE001 - shown to the auditor, who can run it again
            log.info("audit check %s failed: %s", job.job_id, error)
            self.jobs.finish(job.job_id, self.name, error=_error(error))
        else:
            self.jobs.finish(job.job_id, self.name, result=result)
        finally:
            finished.set()
            beat.join(5)
        return job

    def _renew_until(self, job: Job, finished: threading.Event) -> None:
        # Work that reports no progress for a while (the replay check's comparison) still
        # keeps its lease: the lease runs out only when this process stops.
        while not finished.wait(self.lease.total_seconds() / 3):
            if not self.jobs.renew(job.job_id, self.name, lease=self.lease):
                return

    def start(self) -> JobRunner:
        """Run in a daemon thread until `stop`."""
        self._thread = threading.Thread(target=self._loop, daemon=True, name="audit-runner")
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                ran = self.run_once()
            except Exception:  # noqa: BLE001 - a lost connection: try again next round
                log.exception("the audit job runner could not claim a job")
                ran = None
            if ran is None:
                self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)


def _error(error: Exception) -> dict[str, Any]:
    """An error as the row keeps it: its wording and values, for the page to translate."""
    if isinstance(error, DomainError):
        return {"wording": error.wording_used,
                "params": {name: str(value) for name, value in error.params.items()}}
    return {"wording": None, "params": {},
            "message": str(error) or type(error).__name__}
