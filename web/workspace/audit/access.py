"""What the auditor's pages look up: a record's history, a logged event, a running check.

Officers and auditors read everything (the routes say so), so the area has no scope of
its own; a lookup that finds nothing answers 404 with the store's sentence.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort

from marketplace.audit.queries import logged_event
from marketplace.audit.steps import event_at, steps
from marketplace.errors import NotFoundError
from web import refusals
from web.extensions import services
from web.workspace.audit import jobs


def history(aggregate_id: UUID) -> list[Any]:
    """Each step of one consortium, membership, bid...: 404 if there is no such record."""
    try:
        return steps(services().marketplace, aggregate_id)
    except NotFoundError as error:
        abort(404, refusals.words(error))


def event(position: int) -> tuple[dict[str, Any], Any]:
    """The event at a log position, as the log lists it and as it is stored."""
    try:
        return (logged_event(services().engine, position),
                event_at(services().marketplace, position))
    except NotFoundError as error:
        abort(404, refusals.words(error))


def job(kind: str, job_id: str) -> jobs.Shown:
    """A check of this kind asked for in any process, or 404."""
    found = jobs.find(kind, job_id)
    if found is None:
        abort(404)
    return found
