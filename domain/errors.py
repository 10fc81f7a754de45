"""Domain errors: each broken business rule has its own error and a plain message."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule or a value refused the command; the message is for people."""


class InvalidValueError(DomainError, ValueError):
    """A value that is not what the standard says (money, country, Incoterm...)."""


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


# Membership


class MembershipDecisionError(DomainError):
    pass


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


# --- accounts ------------------------------------------------------------------------

class InvalidRoleError(InvalidValueError):
    pass


class RoleAlreadyGrantedError(DomainError):
    pass


class RoleNotGrantedError(DomainError):
    pass


class AccountClosedError(DomainError):
    pass
