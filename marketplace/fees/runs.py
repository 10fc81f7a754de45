"""Fee runs over many memberships: assessing a period, and chasing arrears.

The commands decide one membership or one bid at a time; these functions find, in the
read models, what a run has to visit, and call the commands for each.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.errors import DomainError, InvalidValueError
from domain.statuses import MEMBER, UNPAID, ConsortiumStatus
from marketplace.bidding.readmodel import bids
from marketplace.fees.readmodel import fees
from marketplace.membership.readmodel import members
from marketplace.storefront.readmodel import catalog

if TYPE_CHECKING:
    from marketplace.application import Marketplace

log = logging.getLogger(__name__)

# A period is a calendar year; its fees fall due a month after it starts (or after today).
DUE_AFTER = timedelta(days=30)


def period_start(period: str) -> date:
    """The first day of a period given as a year ("2027"), or a readable refusal."""
    text = str(period).strip()
    if not (len(text) == 4 and text.isdigit() and 2000 <= int(text) <= 2999):
        raise InvalidValueError("the period must be a year, such as 2027, not %(period)s",
                                period=repr(period))
    return date(int(text), 1, 1)


def default_due_on(period: str, today: date) -> date:
    """When a period's fees fall due unless told: 30 days after its start, or after today."""
    return max(period_start(period), today) + DUE_AFTER


def why(error: Exception) -> str:
    """One line on a record a run could not handle: the rule broken, or the fault."""
    return str(error) if isinstance(error, DomainError) else f"{type(error).__name__}: {error}"


def _failed(failed: dict[str, str], record: str, error: Exception, *, label: str = "") -> None:
    # One record a run cannot handle must not stop the others'; the next run tries it again.
    if isinstance(error, DomainError):
        log.warning("%s skipped: %s", label or record, why(error))
    else:
        log.exception("%s skipped: %s", label or record, why(error))
    failed[record] = why(error)


@dataclass(frozen=True)
class PeriodAssessment:
    """How many fees one assessment of a period wrote, and what it could not assess."""

    annual: int
    success: int
    failed: dict[str, str] = field(default_factory=dict)  # "consortium <id>"/"RFQ <id>" -> why

    @property
    def total(self) -> int:
        return self.annual + self.success


def assessable_consortia(engine: Engine) -> list[str]:
    """The consortia that have adopted rules (a fee schedule) and are not dissolved."""
    query = (select(catalog.c.consortium_id)
             .where(catalog.c.quote_response_days.is_not(None),
                    catalog.c.status != ConsortiumStatus.DISSOLVED)
             .order_by(catalog.c.slug))
    with engine.connect() as conn:
        return [row.consortium_id for row in conn.execute(query)]


def awarded_in(engine: Engine, consortium_id: UUID | str, period: str) -> list[str]:
    """The consortium's RFQs whose contract was awarded within the period's year."""
    start = period_start(period)
    since = datetime(start.year, 1, 1, tzinfo=UTC)
    until = datetime(start.year + 1, 1, 1, tzinfo=UTC)
    query = (select(bids.c.bid_id)
             .where(bids.c.consortium_id == str(consortium_id),
                    bids.c.awarded_at >= since, bids.c.awarded_at < until)
             .order_by(bids.c.awarded_at, bids.c.bid_id))
    with engine.connect() as conn:
        return [row.bid_id for row in conn.execute(query)]


def assess_period(app: Marketplace, engine: Engine, consortium_id: UUID | str, period: str,
                  due_on: date | None = None) -> PeriodAssessment:
    """Assess a period's annual fees and the success fees of its awards, idempotently."""
    due = due_on or default_due_on(period, app.clock.now().date())
    period = str(period).strip()
    period_start(period)
    failed: dict[str, str] = {}
    annual = success = 0
    try:
        annual = app.assess_fees(consortium_id, period, due)
    except Exception as error:  # reported with the record's id, below
        _failed(failed, f"consortium {consortium_id}", error)
    for bid_id in awarded_in(engine, consortium_id, period):
        try:
            success += app.assess_success_fees(bid_id, period, due)
        except Exception as error:  # reported with the record's id, below
            _failed(failed, f"RFQ {bid_id}", error)
    return PeriodAssessment(annual=annual, success=success, failed=failed)


@dataclass
class AssessmentRun:
    """What one assessment of a period did across consortia."""

    annual: int = 0
    success: int = 0
    consortia: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # record -> why

    @property
    def total(self) -> int:
        return self.annual + self.success


def assess_all_periods(app: Marketplace, engine: Engine, period: str,
                       due_on: date | None = None,
                       consortia: list[str] | None = None) -> AssessmentRun:
    """Assess a period in each consortium (every one with rules unless told), record by record."""
    period_start(period)
    run = AssessmentRun()
    for consortium_id in (assessable_consortia(engine) if consortia is None else consortia):
        try:
            done = assess_period(app, engine, consortium_id, period, due_on)
        except Exception as error:  # reported with the record's id, below
            _failed(run.failed, f"consortium {consortium_id}", error)
            continue
        run.consortia += 1
        run.annual += done.annual
        run.success += done.success
        run.failed.update(done.failed)
    return run




def in_arrears(engine: Engine, today: date) -> list[str]:
    """Members (joined or suspended) with a fee unpaid after its due date."""
    query = (select(fees.c.membership_id).distinct()
             .join(members, members.c.membership_id == fees.c.membership_id)
             .where(fees.c.status.in_(UNPAID), fees.c.due_on < today,
                    members.c.status.in_(MEMBER))
             .order_by(fees.c.membership_id))
    with engine.connect() as conn:
        return [row.membership_id for row in conn.execute(query)]


@dataclass
class ArrearsReport:
    """What one arrears run did across all consortia."""

    reminders: int = 0
    suspended: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # membership id -> why


def chase_all_arrears(app: Marketplace, engine: Engine) -> ArrearsReport:
    """Issue due reminders to every member in arrears and suspend where the rules say so."""
    report = ArrearsReport()
    for membership_id in in_arrears(engine, app.clock.now().date()):
        try:
            run = app.chase_arrears(membership_id)
        except Exception as error:  # a broken rule, a conflict, a bad record
            _failed(report.failed, membership_id, error, label=f"membership {membership_id}")
            continue
        report.reminders += run.reminders
        if run.suspended:
            report.suspended.append(membership_id)
    return report
