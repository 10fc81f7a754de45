"""Domain errors: each broken business rule has its own error, a code and its parameters.

An error is raised with its wording, an English sentence whose blanks are named
(`"the grant exceeds what is left of the cap, %(left)s"`), and the values that fill them
(`left=...`). The wording is a literal at the raise site: `make messages` extracts it
for the catalogs, and the web words the error in the page's language from them, filling
the blanks with values shown in that language. `str(error)` is the English sentence,
for logs, the CLI and the API. A word passed as a value ("the grant") is marked with
`N_` so the catalogs translate it too.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import ClassVar


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a word or phrase for the catalogs without translating it here."""
    return message


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name.removesuffix("Error")).lower()


class DomainError(Exception):
    """A business rule or a value refused the command; worded for people by the web."""

    # Used when an error is raised without its own wording.
    wording: ClassVar[str] = N_("this cannot be done")

    def __init__(self, wording: str | None = None, /, **params: object) -> None:
        self.wording_used = wording or type(self).wording
        self.params = params
        super().__init__(self.english())

    @property
    def code(self) -> str:
        """The rule broken, for programs: `seed_funding_cap_exceeded`."""
        return _snake(type(self).__name__)

    def english(self) -> str:
        if not self.params:
            return self.wording_used
        try:
            return self.wording_used % {key: _plain(value) for key, value in self.params.items()}
        except (KeyError, TypeError, ValueError):  # a wording whose blanks do not match
            return self.wording_used


def _plain(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_plain(item) for item in value)
    return str(value)


class InvalidValueError(DomainError, ValueError):
    """A value that is not what the standard says (money, country, Incoterm...)."""

    wording = "this value is not valid"


class OutOfRangeError(InvalidValueError):
    """A date outside the product's window, or an amount above its ceiling."""

    wording = "this value is out of range"


class InvalidMoneyError(InvalidValueError):
    pass


class UnknownCurrencyError(InvalidValueError):
    pass


class CurrencyMismatchError(DomainError):
    pass


class UnknownCountryError(InvalidValueError):
    pass


class UnknownRegionError(InvalidValueError):
    pass


class UnknownIncotermError(InvalidValueError):
    pass


class UnknownStageError(InvalidValueError):
    pass


class UnknownSectorError(InvalidValueError):
    pass


class InvalidRulesError(InvalidValueError):
    pass


# Consortium


class ConsortiumClosedError(DomainError):
    pass


class ConsortiumStateError(DomainError):
    pass


class ProspectAlreadyIdentifiedError(DomainError):
    pass


class UnknownProspectError(DomainError):
    pass


class UnknownMeetingError(DomainError):
    pass


class MeetingAlreadyHeldError(DomainError):
    pass


class SeedFundingCapExceededError(DomainError):
    pass


class DisbursementExceedsGrantError(DomainError):
    pass


class EstablishmentIncompleteError(DomainError):
    pass


class ConsortiumNotEstablishedError(DomainError):
    pass


class OfferNotPublishedError(DomainError):
    pass


class StageNotOfferedError(DomainError):
    pass


class ProgrammeCapExceededError(DomainError):
    """A consortium's cap above its agency's programme cap."""

    wording = "the cap is above the agency programme's cap"


class StageNotCoveredError(DomainError):
    """An offer naming a stage no joined member covers."""

    wording = "no joined member covers this stage"


class MeetingNotDueError(DomainError):
    """A meeting recorded as held before its day."""

    wording = "this meeting's day has not come yet"


class MeetingWithoutAttendanceError(DomainError):
    wording = "a held meeting has at least one attendee"


class MeetingCancelledError(DomainError):
    wording = "this meeting was cancelled"


class MeetingNotHeldError(DomainError):
    """Minutes for a meeting not yet recorded as held."""

    wording = "this meeting has not been recorded as held"


class UnknownEntryError(DomainError):
    """A correction naming an entry the consortium never recorded."""

    wording = "there is no such entry to correct"


class NothingToCorrectError(DomainError):
    wording = "the correction changes nothing"


# Membership


class MembershipDecisionError(DomainError):
    pass


class AgreementSupersededError(DomainError):
    """A signature for a version of the rules that is not the one in force."""

    wording = "this version of the rules is no longer in force"


class AgreementTextMismatchError(DomainError):
    """A signature for a text other than the agreement in force (its hash differs)."""

    wording = "the text signed is not the agreement in force"


class AgreementAlreadySignedError(DomainError):
    wording = "this agreement is already signed"


class MemberNotActiveError(DomainError):
    pass


class StageNotDeclaredError(DomainError):
    pass


class FeeAlreadyAssessedError(DomainError):
    pass


class UnknownFeeError(DomainError):
    pass


class FeeAlreadyPaidError(DomainError):
    pass


class FeeAmountMismatchError(DomainError):
    pass


class FeeNotPaidError(DomainError):
    pass


class RefundExceedsPaymentError(DomainError):
    pass


class NotInArrearsError(DomainError):
    pass


class NotSuspendedError(DomainError):
    pass


class EndorsementError(DomainError):
    pass


class CreditNoteExceedsFeeError(DomainError):
    """A credit note would take off more than is still due on the fee."""

    wording = "a credit note cannot take off more than is due on the fee"


class CapabilitiesCorrectionError(DomainError):
    """A correction that names no capability declaration in force."""

    wording = "only the capability declaration in force can be corrected"


# Bid


class InvalidRFQError(DomainError):
    pass


class BidStateError(DomainError):
    pass


class ContributionNotRequestedError(DomainError):
    pass


class QuoteIncompleteError(DomainError):
    pass


class QuoteExpiredError(DomainError):
    pass


class WorkSharesMismatchError(DomainError):
    pass


class UnknownContributorError(DomainError):
    pass


# Documents on RFQs and quotes


class DocumentRefusedError(InvalidValueError):
    """A file the marketplace does not keep: its type, its name or its content."""


class DocumentTooLargeError(DocumentRefusedError):
    """A file, or an RFQ's files together, over the size limit."""


class QuoteSupersededError(DomainError):
    """The buyer answered a quote version that a revised one has replaced."""

    wording = "a revised quote replaced this one"


class UnknownQuestionError(DomainError):
    wording = "there is no such question on this RFQ"


class QuestionAlreadyAnsweredError(DomainError):
    wording = "this question is already answered"


class QuestionLimitError(DomainError):
    wording = "this RFQ has as many questions as it can take"


# --- accounts ------------------------------------------------------------------------

class InvalidRoleError(InvalidValueError):
    pass


class AgencyAlreadyRegisteredError(DomainError):
    wording = "this agency is already registered"


class RegionOutsideAgencyError(DomainError):
    wording = "the region is outside the agency's region"


class RoleAlreadyGrantedError(DomainError):
    pass


class RoleNotGrantedError(DomainError):
    pass


class AccountClosedError(DomainError):
    pass
