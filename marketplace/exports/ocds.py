"""The OCDS 1.1 export: one contracting process (ocid) per bid, releases from its events.

How our bids map onto the Open Contracting Data Standard:

- The overseas buyer runs its own procurement: it is the party with the roles `buyer`
  and `procuringEntity`, named by its organisation only. Its contact person is never
  exported (the events hold only a vault reference to them, and that is left out too).
- The consortium is the supplier side. It answers the RFQ, so it is the one `tenderer`
  once the quote is submitted. The award's `suppliers` are the member firms that hold a
  work share, each named as its Company was at the award; its share is in the party's
  `details.workShare`.
- Releases, each dated by its event and identified `<ocid>-<version>-<tag>`:
  QuoteRequested -> `tender` (items per stage, currency, tenderPeriod ends when the quote
  is needed, contractPeriod ends at the wanted delivery); Qualified, QuoteSubmitted,
  QuoteAccepted -> `tenderUpdate` (active, tenderer, complete); Declined, QuoteRejected,
  QuoteExpired -> `tenderUpdate` with status `unsuccessful`; ContractAwarded -> an `award`
  and a `contract` release (active); MilestoneDelivered -> `implementation` with a met
  milestone; Completed -> `contractTermination` (status `terminated`).
- Corrections are amendments, as OCDS records changes after publication: QuoteRevised
  -> `tenderUpdate` with a `tender.amendments` entry (its reason as `rationale`,
  `amendsReleaseID` the release of the quote it replaces); WorkSharesCorrected ->
  `awardUpdate` with the corrected suppliers' `details.workShare` and an
  `awards[].amendments` entry naming the award release it corrects.
- DocumentAttached -> `tenderUpdate` with a `tender.documents` entry: the buyer's files as
  `technicalSpecifications`, the quote's as `submissionDocuments`; title, format, size
  and SHA-256, and no URL (a download link would carry the buyer's token).
- Contributions requested, committed or withdrawn are the consortium's internal
  subcontracting, priced in confidence between members: they are not published.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import IO, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.utils import get_topic

from domain.bid import Bid
from domain.money import Money
from marketplace.errors import NotFoundError
from marketplace.exports.plain import iso_time, stored_events

DEFAULT_PREFIX = "ocds-consortia"
PUBLISHED = ("QuoteRequested", "Qualified", "Declined", "QuoteSubmitted", "QuoteRevised",
             "QuoteAccepted", "QuoteRejected", "QuoteExpired", "ContractAwarded",
             "WorkSharesCorrected", "MilestoneDelivered", "Completed", "DocumentAttached")
# The buyer's files specify what is asked; the manager's go with the consortium's quote.
DOCUMENT_TYPES = {"rfq": "technicalSpecifications", "quote": "submissionDocuments"}
TOPICS = tuple(get_topic(getattr(Bid, name)) for name in PUBLISHED)
UNSUCCESSFUL = {"Declined", "QuoteRejected", "QuoteExpired"}


def _number(amount: Decimal) -> int | float:
    # OCDS amounts are JSON numbers; whole amounts stay exact integers.
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _value(money: Money) -> dict[str, Any]:
    return {"amount": _number(money.amount), "currency": money.currency}


def _end_of(day: date) -> str:
    return f"{day.isoformat()}T23:59:59Z"


class ReleaseBuilder:
    """Turns a bid's published events into OCDS releases, one event at a time."""

    def __init__(self, app: Any, prefix: str = DEFAULT_PREFIX) -> None:
        self.app = app
        self.prefix = prefix.rstrip("-") or DEFAULT_PREFIX
        # Only the consortium of each bid is remembered, so memory grows with bids, not events.
        self.consortium_of: dict[UUID, UUID] = {}

    def ocid(self, bid_id: UUID) -> str:
        return f"{self.prefix}-{bid_id}"

    def releases(self, event: Any) -> list[dict[str, Any]]:
        """The releases one bid event publishes (none for internal events)."""
        name = type(event).__qualname__.split(".")[-1]
        handler: Callable[[Any], list[dict[str, Any]]] | None = getattr(
            self, f"_{name}", None)
        if handler is None:
            return self._status_change(event, name) if name in PUBLISHED else []
        return handler(event)

    def _release(self, event: Any, tag: str, **sections: Any) -> dict[str, Any]:
        ocid = self.ocid(event.originator_id)
        return {"ocid": ocid, "id": f"{ocid}-{event.originator_version}-{tag}",
                "date": iso_time(event.timestamp), "tag": [tag],
                "initiationType": "tender", **sections}

    def _tender(self, event: Any, **fields: Any) -> dict[str, Any]:
        return {"id": f"{self.ocid(event.originator_id)}-tender", **fields}

    def _QuoteRequested(self, event: Any) -> list[dict[str, Any]]:
        self.consortium_of[event.originator_id] = event.consortium_id
        buyer = {"id": str(uuid5(NAMESPACE_URL, f"buyer:{event.organisation.casefold()}")),
                 "name": event.organisation}
        items = [{"id": stage, "description": f"{stage.capitalize()} for "
                  f"{event.quantity} {event.unit}", "quantity": _number(event.quantity),
                  "unit": {"name": event.unit}} for stage in event.stages]
        tender = self._tender(
            event, title=f"RFQ for {event.quantity} {event.unit}, {event.incoterm}",
            description=event.specification, status="active", procuringEntity=buyer,
            procurementMethod="limited",
            procurementMethodDetails="Request for quotation to an export consortium",
            items=items, value={"currency": event.currency},
            tenderPeriod={"startDate": iso_time(event.timestamp),
                          "endDate": _end_of(event.quote_needed_by)})
        if event.wanted_delivery is not None:
            tender["contractPeriod"] = {"endDate": _end_of(event.wanted_delivery)}
        party = {**buyer, "roles": ["buyer", "procuringEntity"],
                 "address": {"countryName": event.country.name}}
        return [self._release(event, "tender", buyer=buyer, parties=[party], tender=tender)]

    def _DocumentAttached(self, event: Any) -> list[dict[str, Any]]:
        # Described, never linked: a download link would carry the buyer's private token.
        document = {"id": str(event.document_id), "title": event.name,
                    "documentType": DOCUMENT_TYPES.get(event.attached_to),
                    "format": event.media_type, "datePublished": iso_time(event.timestamp),
                    "description": f"{event.size} bytes, SHA-256 {event.sha256}"}
        return [self._release(event, "tenderUpdate",
                              tender=self._tender(event, documents=[document]))]

    def _status_change(self, event: Any, name: str) -> list[dict[str, Any]]:
        status = "unsuccessful" if name in UNSUCCESSFUL else (
            "complete" if name == "QuoteAccepted" else "active")
        return [self._release(event, "tenderUpdate", tender=self._tender(event, status=status))]

    def _QuoteSubmitted(self, event: Any) -> list[dict[str, Any]]:
        consortium_id = self.consortium_of.get(event.originator_id)
        if consortium_id is None:  # a log that starts mid-bid: read it from the bid
            consortium_id = self.app.get_as_of(event.originator_id,
                                               version=event.originator_version).consortium_id
        consortium = self.app.get_as_of(consortium_id, moment=event.timestamp)
        tenderer = {"id": str(consortium_id), "name": consortium.name}
        tender = self._tender(event, status="active", tenderers=[tenderer], numberOfTenderers=1)
        return [self._release(event, "tenderUpdate", tender=tender,
                              parties=[{**tenderer, "roles": ["tenderer"]}])]

    def _amendment(self, event: Any, tag: str, amends: str, reason: str,
                   description: str) -> dict[str, Any]:
        ocid = self.ocid(event.originator_id)
        return {"id": f"{ocid}-{event.originator_version}-amendment",
                "date": iso_time(event.timestamp), "rationale": reason,
                "description": description,
                "amendsReleaseID": f"{ocid}-{event.corrects}-{amends}",
                "releaseID": f"{ocid}-{event.originator_version}-{tag}"}

    def _QuoteRevised(self, event: Any) -> list[dict[str, Any]]:
        amendment = self._amendment(
            event, "tenderUpdate", "tenderUpdate", event.reason,
            "The consortium replaced its quote before the buyer answered.")
        tender = self._tender(event, status="active", amendments=[amendment])
        return [self._release(event, "tenderUpdate", tender=tender)]

    def _WorkSharesCorrected(self, event: Any) -> list[dict[str, Any]]:
        ocid = self.ocid(event.originator_id)
        parties = [self._supplier(membership_id, share, event)
                   for membership_id, share in event.shares.items()]
        amendment = self._amendment(event, "awardUpdate", "award", event.reason,
                                    "The work shares among the member firms were corrected.")
        award = {"id": f"{ocid}-award",
                 "suppliers": [{"id": p["id"], "name": p["name"]} for p in parties],
                 "amendments": [amendment]}
        return [self._release(event, "awardUpdate", parties=parties, awards=[award])]

    def _ContractAwarded(self, event: Any) -> list[dict[str, Any]]:
        ocid = self.ocid(event.originator_id)
        parties = [self._supplier(membership_id, share, event)
                   for membership_id, share in event.shares.items()]
        award = {"id": f"{ocid}-award", "status": "active", "date": iso_time(event.timestamp),
                 "value": _value(event.value),
                 "suppliers": [{"id": p["id"], "name": p["name"]} for p in parties]}
        contract = {"id": f"{ocid}-contract", "awardID": award["id"], "status": "active",
                    "title": f"Contract {event.reference}", "value": _value(event.value),
                    "dateSigned": iso_time(event.timestamp)}
        return [self._release(event, "award", parties=parties, awards=[award]),
                self._release(event, "contract", contracts=[contract])]

    def _supplier(self, membership_id: str, share: Money, event: Any) -> dict[str, Any]:
        company_id = self.app.get_membership(membership_id).company_id
        company = self.app.get_as_of(company_id, moment=event.timestamp)
        return {"id": str(company_id), "name": company.name, "roles": ["supplier"],
                "details": {"workShare": _value(share)}}

    def _contract(self, event: Any, **fields: Any) -> dict[str, Any]:
        ocid = self.ocid(event.originator_id)
        return {"id": f"{ocid}-contract", "awardID": f"{ocid}-award", **fields}

    def _MilestoneDelivered(self, event: Any) -> list[dict[str, Any]]:
        met = iso_time(event.timestamp)
        milestone = {"id": f"{self.ocid(event.originator_id)}-{event.originator_version}",
                     "title": event.title, "type": "delivery",
                     "description": f"{event.stage.capitalize()} delivered",
                     "status": "met", "dateMet": met, "dateModified": met}
        contract = self._contract(event, implementation={"milestones": [milestone]})
        return [self._release(event, "implementation", contracts=[contract])]

    def _Completed(self, event: Any) -> list[dict[str, Any]]:
        contract = self._contract(event, status="terminated",
                                  period={"endDate": iso_time(event.timestamp)})
        return [self._release(event, "contractTermination", contracts=[contract])]


def releases(app: Any, prefix: str = DEFAULT_PREFIX) -> Iterator[dict[str, Any]]:
    """Every bid's releases in the order of the events they come from."""
    builder = ReleaseBuilder(app, prefix)
    for _, event in stored_events(app, topics=TOPICS):
        yield from builder.releases(event)


def write_release_package(
    app: Any, out: IO[str], *, prefix: str = DEFAULT_PREFIX, publisher: str,
    uri: str,
) -> int:
    """Write an OCDS 1.1 release package to `out`, a release at a time; return the count.

    `publishedDate` is the date of the last release, as OCDS asks of packages made on
    demand, so the same history always exports the same package.
    """
    stream = releases(app, prefix)
    first = next(stream, None)
    if first is None:
        raise NotFoundError("there are no bids to export: an OCDS package needs a release")
    out.write('{"version":"1.1","uri":' + json.dumps(uri)
              + ',"publisher":' + json.dumps({"name": publisher}, ensure_ascii=False)
              + ',"releases":[')
    written, last = 0, first["date"]
    for release in chain([first], stream):
        out.write(("," if written else "") + json.dumps(release, ensure_ascii=False))
        written, last = written + 1, release["date"]
    out.write('],"publishedDate":' + json.dumps(last) + "}\n")
    return written
