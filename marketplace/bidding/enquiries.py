"""The buyer's questions on an RFQ and the manager's answers, shared with the members or not.

OCDS calls them enquiries (`tender.enquiries`); the tracking page, the desk, the members
asked to price and the export all read this table.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table, Text, select
from sqlalchemy.engine import Engine

from domain.bid import Bid
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata
from marketplace.projection.rows import Row

bid_questions = Table(
    "rm_bid_questions", metadata,
    ident("question_id", primary_key=True),
    ident("bid_id", nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("asked_in", Integer, nullable=False),  # the asking event's version: the order asked
    Column("asked_at", UtcDateTime, nullable=False),
    Column("answer", Text, nullable=True),
    Column("answered_at", UtcDateTime, nullable=True),
    Column("shared", Boolean, nullable=False),  # shown to the members asked to price
    Column("shared_at", UtcDateTime, nullable=True),
    Column("status", String(10), nullable=False),  # asked, answered
)


def question_asked(batch: Batch, event: Bid.QuestionAsked) -> None:
    batch[bid_questions].add(
        question_id=str(event.question_id), bid_id=str(event.originator_id), text=event.text,
        asked_in=event.originator_version, asked_at=event.timestamp, answer=None,
        answered_at=None, shared=False, shared_at=None, status="asked")


def question_answered(batch: Batch, event: Bid.QuestionAnswered) -> None:
    batch[bid_questions].update(
        str(event.question_id), answer=event.answer, answered_at=event.timestamp,
        shared=bool(event.shared), shared_at=event.timestamp if event.shared else None,
        status="answered")


def answer_shared(batch: Batch, event: Bid.AnswerShared) -> None:
    batch[bid_questions].update(str(event.question_id), shared=True, shared_at=event.timestamp)


HANDLERS: Handlers = {
    Bid.QuestionAsked: question_asked,
    Bid.QuestionAnswered: question_answered,
    Bid.AnswerShared: answer_shared,
}


def bid_questions_list(engine: Engine, bid_id: str, *, shared_only: bool = False) -> list[Row]:
    """The RFQ's questions, oldest first, with their answers; `shared_only` for members."""
    query = select(bid_questions).where(bid_questions.c.bid_id == str(bid_id))
    if shared_only:
        query = query.where(bid_questions.c.shared.is_(True))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(
            query.order_by(bid_questions.c.asked_in))]
    for row in rows:
        row["answered"] = row["answer"] is not None
        row["can_share"] = row["answered"] and not row["shared"]
    return rows
