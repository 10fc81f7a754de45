"""What the auditor's pages look up: a record's history, a logged event, a running check.

Officers and auditors of the whole installation read everything; those of one agency read
its consortia's records and the agency's own (`scope`), and are refused another's (403).
A lookup that finds nothing answers 404 with the store's sentence.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort
from flask_babel import gettext as _

from marketplace.agencies.queries import AgencyScope
from marketplace.audit.queries import logged_event, record_consortia
from marketplace.audit.steps import event_at, steps
from marketplace.errors import NotFoundError
from web import refusals
from web.authz import readable_consortia, reading_agencies
from web.extensions import services
from web.workspace.audit import jobs


def scope() -> AgencyScope | None:
    """The records the person reads here: None for all of them."""
    agencies = reading_agencies()
    if agencies is None:
        return None
    return AgencyScope(frozenset(readable_consortia() or ()), frozenset(agencies))


def another_agencys() -> str:
    return _("This record belongs to another agency's consortia, or to none of them.")


def require_record(aggregate_id: str, consortium_id: str | None = None) -> None:
    """403 unless the person reads this record (its consortium, as the log has it)."""
    within = scope()
    if within is None:
        return
    if consortium_id is None:
        consortium_id = record_consortia(services().engine, {aggregate_id}).get(aggregate_id)
    if not within.holds(aggregate_id, consortium_id):
        abort(403, another_agencys())


def readable_records(found: list[dict[str, str]]) -> list[dict[str, str]]:
    """Of the records found by name, those the person reads."""
    within = scope()
    if within is None:
        return found
    places = record_consortia(services().engine, {record["id"] for record in found})
    return [record for record in found if within.holds(record["id"], places.get(record["id"]))]


def require_everything() -> None:
    """403 for a reader of one agency: the whole installation's exports are not theirs."""
    if scope() is not None:
        abort(403, _("The whole log's exports are for the auditors of the whole installation; "
                     "the log's download holds your agency's events."))


def history(aggregate_id: UUID) -> list[Any]:
    """Each step of one consortium, membership, bid...: 404 if there is no such record."""
    try:
        return steps(services().marketplace, aggregate_id)
    except NotFoundError as error:
        abort(404, refusals.words(error))


def event(position: int) -> tuple[dict[str, Any], Any]:
    """The event at a log position, as the log lists it and as it is stored."""
    try:
        row = logged_event(services().engine, position)
        require_record(row["aggregate_id"], row["consortium_id"])
        return row, event_at(services().marketplace, position)
    except NotFoundError as error:
        abort(404, refusals.words(error))


def job(kind: str, job_id: str) -> jobs.Shown:
    """A check of this kind asked for in any process, or 404."""
    found = jobs.find(kind, job_id)
    if found is None:
        abort(404)
    return found
