"""What a quotation document reads beyond the pipeline: the quote's written terms and
version, and who manages each consortium (a vault reference, resolved when shown)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from domain.bid import Bid
from domain.consortium import Consortium
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata

quotations = Table(
    "rm_quotations", metadata,
    ident("bid_id", primary_key=True),
    Column("version", Integer, nullable=False),  # the quote's number: 1, then 2, 3... revised
    Column("issued_at", UtcDateTime, nullable=False),
    Column("lead_time_days", Integer, nullable=False),
    Column("payment_terms", Text, nullable=False),
    Column("warranty", Text, nullable=False),
    Column("taxes", Text, nullable=False),
)

issuers = Table(
    "rm_quotation_issuers", metadata,
    ident("consortium_id", primary_key=True),
    Column("manager_ref", String(36), nullable=True),  # the vault's, never a name
)


def quote_submitted(batch: Batch, event: Bid.QuoteSubmitted) -> None:
    terms = {"issued_at": event.timestamp, "lead_time_days": event.lead_time_days,
             "payment_terms": getattr(event, "payment_terms", ""),
             "warranty": getattr(event, "warranty", ""), "taxes": getattr(event, "taxes", "")}
    if batch[quotations].update(str(event.originator_id), version=1, **terms) is None:
        batch[quotations].add(bid_id=str(event.originator_id), version=1, **terms)


def revised_quote_sent(batch: Batch, event: Bid.RevisedQuoteSent) -> None:
    # The version's terms as typed; events recorded before versions carried their terms
    # (None) keep those of the version they replace.
    terms = {name: getattr(event, name, None) for name in ("payment_terms", "warranty", "taxes")}
    batch[quotations].update(str(event.originator_id), version=event.number,
                             issued_at=event.timestamp, lead_time_days=event.lead_time_days,
                             **{name: value for name, value in terms.items() if value is not None})


def quote_corrected(batch: Batch, event: Bid.QuoteRevised) -> None:
    # A correction replaces the quote in hand under the same number.
    batch[quotations].update(str(event.originator_id), issued_at=event.timestamp,
                             lead_time_days=event.lead_time_days)


def proposed(batch: Batch, event: Consortium.Proposed) -> None:
    batch[issuers].add(consortium_id=str(event.originator_id), manager_ref=None)


def manager_appointed(batch: Batch, event: Consortium.ManagerAppointed) -> None:
    batch[issuers].update(str(event.originator_id), manager_ref=str(event.manager))


HANDLERS: Handlers = {
    Bid.QuoteSubmitted: quote_submitted,
    Bid.RevisedQuoteSent: revised_quote_sent,
    Bid.QuoteRevised: quote_corrected,
    Consortium.Proposed: proposed,
    Consortium.ManagerAppointed: manager_appointed,
}
