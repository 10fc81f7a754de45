"""The exchange in OCDS: questions as `tender.enquiries`, quote versions as amendments.

- QuestionAsked -> `tenderUpdate` with an enquiry (id, date, title, description) and
  `hasEnquiries`; QuestionAnswered -> `tenderUpdate` with the same enquiry's `answer` and
  `dateAnswered` (releases merge enquiries by id). Enquiries follow OCDS's enquiry
  extension (ENQUIRY_EXTENSION), which the package declares.
- RevisedQuoteSent -> `tenderUpdate` with a `tender.amendments` entry: the buyer's
  revision message as `rationale`, the new version's figures as `description`, and
  `amendsReleaseID` the release of the version it replaces. RevisionRequested publishes
  nothing of its own; sharing an answer with the members is internal.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marketplace.exports.plain import iso_time

ENQUIRY_EXTENSION = ("https://raw.githubusercontent.com/open-contracting-extensions/"
                     "ocds_enquiry_extension/v1.1.5/extension.json")
EXCHANGE_EVENTS = ("QuestionAsked", "QuestionAnswered", "RevisionRequested",
                   "RevisedQuoteSent")


class ExchangeReleases:
    """The exchange's releases; mixed into the ReleaseBuilder, whose helpers it uses."""

    ocid: Any
    _release: Any
    _tender: Any

    def _remembered(self, name: str) -> dict[UUID, Any]:
        return self.__dict__.setdefault(name, {})

    def _enquiry(self, event: Any, **fields: Any) -> list[dict[str, Any]]:
        enquiry = {"id": f"{self.ocid(event.originator_id)}-enquiry-{event.question_id}",
                   **fields}
        tender = self._tender(event, hasEnquiries=True, enquiries=[enquiry])
        return [self._release(event, "tenderUpdate", tender=tender)]

    def _QuestionAsked(self, event: Any) -> list[dict[str, Any]]:
        title = event.text if len(event.text) <= 80 else event.text[:79] + "…"
        return self._enquiry(event, date=iso_time(event.timestamp), title=title,
                             description=event.text)

    def _QuestionAnswered(self, event: Any) -> list[dict[str, Any]]:
        return self._enquiry(event, answer=event.answer,
                             dateAnswered=iso_time(event.timestamp))

    def _RevisionRequested(self, event: Any) -> list[dict[str, Any]]:
        self._remembered("revision_asked")[event.originator_id] = event.message
        return []

    def remember_quote(self, event: Any) -> None:
        """The release of the quote version in hand, for the next version to amend."""
        ocid = self.ocid(event.originator_id)
        self._remembered("quote_release")[event.originator_id] = (
            f"{ocid}-{event.originator_version}-tenderUpdate")

    def _RevisedQuoteSent(self, event: Any) -> list[dict[str, Any]]:
        ocid = self.ocid(event.originator_id)
        rationale = self._remembered("revision_asked").pop(
            event.originator_id, "The buyer asked for a revised quote.")
        amendment = {
            "id": f"{ocid}-{event.originator_version}-amendment",
            "date": iso_time(event.timestamp), "rationale": rationale,
            "description": (f"Quote version {event.number} replaces version {event.replaces}: "
                            f"{event.price.currency} {event.price.amount}, valid until "
                            f"{event.valid_until.isoformat()}, lead time "
                            f"{event.lead_time_days} days."),
            "releaseID": f"{ocid}-{event.originator_version}-tenderUpdate"}
        amended = self._remembered("quote_release").get(event.originator_id)
        if amended is not None:  # unknown when the log starts after the earlier version
            amendment["amendsReleaseID"] = amended
        self.remember_quote(event)
        tender = self._tender(event, status="active", amendments=[amendment])
        return [self._release(event, "tenderUpdate", tender=tender)]
