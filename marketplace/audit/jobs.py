"""The auditor's long checks as rows: asked for by one process, run by any, watched by all.

A check (the hash chain's verification, the replay check) takes longer than a request, and
behind several workers the page that watches it may be served by another process than the
one that started it. So a check is a row of `audit_jobs`: a POST asks for it, a runner
(the projector process, or a thread of a single-process server) claims it with a lease,
writes its progress and result into the row, and any worker shows what the row says.

A runner holds a job only while its lease lasts and renews it as it goes; a runner that
dies stops renewing, and once the lease is over another runner takes the job again from
the start (the checks only read, so running one twice changes nothing).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    insert,
    or_,
    select,
)
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine

from marketplace.projection.columns import UtcDateTime

LEASE = timedelta(seconds=30)
KEPT = timedelta(days=90)  # finished checks older than this are removed when one is asked for
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

metadata = MetaData()
audit_jobs = Table(
    "audit_jobs", metadata,
    Column("job_id", String(32), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("arguments", Text, nullable=False),  # JSON, sorted keys: equal asks compare equal
    Column("requested_by", String(200), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False, index=True),
    Column("status", String(10), nullable=False, index=True),
    Column("done", Integer, nullable=False, default=0),
    Column("total", Integer, nullable=False, default=0),
    Column("attempts", Integer, nullable=False, default=0),
    Column("started_at", UtcDateTime),
    Column("finished_at", UtcDateTime),
    Column("result", Text),  # JSON, once done
    Column("error", Text),  # JSON {"wording", "params"}, once failed
    Column("lease_owner", String(100)),
    Column("lease_until", UtcDateTime),
)


def now() -> datetime:
    """Leases run on the wall clock of the machines, never on the application's clock."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Job:
    """One check as its row says: how far it got, and its result or its error once done."""

    job_id: str
    kind: str
    arguments: dict[str, Any]
    requested_by: str
    requested_at: datetime
    status: str
    done: int
    total: int
    attempts: int
    result: Any
    error: dict[str, Any] | None
    lease_owner: str | None

    @property
    def id(self) -> str:
        return self.job_id

    @property
    def running(self) -> bool:
        return self.status in (QUEUED, RUNNING)

    @property
    def waiting(self) -> bool:
        """Asked for, and no runner has taken it yet."""
        return self.status == QUEUED

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else 0


def _job(row: Any) -> Job:
    return Job(row.job_id, row.kind, json.loads(row.arguments), row.requested_by,
               row.requested_at, row.status, row.done, row.total, row.attempts,
               json.loads(row.result) if row.result else None,
               json.loads(row.error) if row.error else None, row.lease_owner)


class AuditJobs:
    """The jobs table: asking for a check, claiming one, reporting on it, reading it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def request(self, kind: str, arguments: dict[str, Any], requested_by: str,
                at: datetime | None = None) -> str:
        """Ask for a check; the same check already waiting or running is the one answered."""
        text = json.dumps(arguments, sort_keys=True)
        at = at or now()
        with self.engine.begin() as conn:
            conn.execute(delete(audit_jobs).where(audit_jobs.c.status.in_((DONE, FAILED)),
                                                  audit_jobs.c.finished_at < at - KEPT))
            found = conn.execute(select(audit_jobs.c.job_id).where(
                audit_jobs.c.kind == kind, audit_jobs.c.arguments == text,
                audit_jobs.c.status.in_((QUEUED, RUNNING)))).first()
            if found is not None:
                return str(found.job_id)
            job_id = uuid.uuid4().hex
            conn.execute(insert(audit_jobs).values(
                job_id=job_id, kind=kind, arguments=text, requested_by=requested_by[:200],
                requested_at=at, status=QUEUED, done=0, total=0, attempts=0))
        return job_id

    def find(self, job_id: str) -> Job | None:
        """A check by its id, from any process."""
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_jobs).where(
                audit_jobs.c.job_id == job_id[:32])).first()
        return _job(row) if row is not None else None

    def latest(self, kind: str) -> Job | None:
        """The check of this kind asked for last, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_jobs).where(audit_jobs.c.kind == kind).order_by(
                audit_jobs.c.requested_at.desc()).limit(1)).first()
        return _job(row) if row is not None else None

    def claim(self, owner: str, at: datetime | None = None,
              lease: timedelta = LEASE) -> Job | None:
        """Take the oldest waiting check, or one whose runner's lease ran out; None if none.

        The update only wins while the row is still as it was read, so two runners never
        hold the same job: the loser finds no row changed and tries the next.
        """
        at = at or now()
        free = or_(audit_jobs.c.status == QUEUED,
                   and_(audit_jobs.c.status == RUNNING, audit_jobs.c.lease_until < at))
        with self.engine.connect() as conn:
            candidates = conn.execute(select(
                audit_jobs.c.job_id, audit_jobs.c.attempts).where(free).order_by(
                audit_jobs.c.requested_at).limit(5)).all()
        for job_id, attempts in candidates:
            with self.engine.begin() as conn:
                won = conn.execute(sql_update(audit_jobs).where(
                    audit_jobs.c.job_id == job_id, audit_jobs.c.attempts == attempts, free,
                ).values(status=RUNNING, lease_owner=owner, lease_until=at + lease,
                         attempts=attempts + 1, started_at=at, done=0, total=0)).rowcount
            if won == 1:
                return self.find(job_id)
        return None

    def renew(self, job_id: str, owner: str, done: int | None = None,
              total: int | None = None, lease: timedelta = LEASE) -> bool:
        """Extend the lease (and write the progress); False once another runner holds it."""
        values: dict[str, Any] = {"lease_until": now() + lease}
        if done is not None and total is not None:
            values.update(done=done, total=total)
        return self._mine(job_id, owner, values)

    def finish(self, job_id: str, owner: str, *, result: Any = None,
               error: dict[str, Any] | None = None) -> bool:
        """Record the outcome, if this runner still holds the job."""
        values: dict[str, Any] = {
            "status": FAILED if error is not None else DONE, "finished_at": now(),
            "lease_owner": None, "lease_until": None,
            "result": json.dumps(result, default=str) if error is None else None,
            "error": json.dumps(error, default=str) if error is not None else None}
        return self._mine(job_id, owner, values)

    def _mine(self, job_id: str, owner: str, values: dict[str, Any]) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(sql_update(audit_jobs).where(
                audit_jobs.c.job_id == job_id, audit_jobs.c.lease_owner == owner,
                audit_jobs.c.status == RUNNING).values(**values)).rowcount == 1
