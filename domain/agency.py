"""An agency: the regional development body that forms consortia under its programme.

One installation serves several agencies. Each is known by a short code (the one its
consortia name as their `agency`), works in one region, runs a programme (its seed-funding
cap and the fees it proposes to new consortia) and has the legal details its documents
name it by. Officers act within their agency; an auditor reads one agency or all.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.base import DomainAggregate
from domain.errors import N_, CurrencyMismatchError, InvalidValueError, NothingToCorrectError
from domain.money import Money, bounded, require_money
from domain.receipts import ReceiptIssuer
from domain.text import text
from domain.values import Region

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,29}$")
MAX_SUCCESS_FEE = Decimal(20)


def check_code(code: object) -> str:
    """An agency's short code: letters, digits, spaces, dots, dashes; at most 30."""
    cleaned = " ".join(str(code or "").split())
    if not _CODE.match(cleaned):
        raise InvalidValueError("%(code)s is not an agency code: use up to 30 letters, digits, "
                                "spaces, dots or dashes", code=repr(str(code or ""))[:40])
    return cleaned


def success_fee(value: Decimal | int | str) -> Decimal:
    """A success fee in percent of a contract, from 0 to 20, with at most two decimals."""
    if isinstance(value, float):
        raise InvalidValueError("a success fee must be an exact number")
    try:
        percent = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValueError("%(typed)s is not a percentage",
                                typed=repr(value)[:20]) from None
    if not percent.is_finite() or not Decimal(0) <= percent <= MAX_SUCCESS_FEE \
            or percent != percent.quantize(Decimal("0.01")):
        raise InvalidValueError("a success fee is a percentage from 0 to %(most)s, with at most "
                                "two decimals", most=MAX_SUCCESS_FEE)
    return percent.normalize() if percent == percent.to_integral_value() else percent


class Agency(DomainAggregate):
    """A regional agency, with its programme and the details its documents carry."""

    class Registered(DomainAggregate.Created):
        code: str
        name: str
        region: Region
        programme_cap: Money
        annual_fee: Money  # the fee per member a new consortium's rules start from
        success_fee_percent: Decimal
        legal: dict[str, str]  # ReceiptIssuer's fields: legal name, address, tax id, contact

    class DetailsAmended(DomainAggregate.Event):
        name: str
        legal: dict[str, str]

    class ProgrammeChanged(DomainAggregate.Event):
        programme_cap: Money
        annual_fee: Money
        success_fee_percent: Decimal

    @staticmethod
    def create_id(code: str, **_: object) -> UUID:
        return ids.agency_id(code)

    @classmethod
    def register(
        cls, *, code: str, name: str, region: Region | str, programme_cap: Money,
        annual_fee: Money, success_fee_percent: Decimal | int | str, legal: ReceiptIssuer,
    ) -> Agency:
        """Register an agency: its id follows from its code, so it is registered once."""
        code = check_code(code)
        cap, fee, percent = _programme(programme_cap, annual_fee, success_fee_percent)
        if not isinstance(legal, ReceiptIssuer):
            raise InvalidValueError("the agency's legal details are incomplete")
        return cls(
            code=code, name=text(name, N_("the agency's name"), 120),
            region=region if isinstance(region, Region) else Region(region),
            programme_cap=cap, annual_fee=fee, success_fee_percent=percent,
            legal=ReceiptIssuer.of(**legal.as_dict()).as_dict(),
        )

    @event(Registered)
    def __init__(self, code, name, region, programme_cap, annual_fee, success_fee_percent,
                 legal) -> None:
        self.code = code
        self.name = name
        self.region = region
        self.programme_cap = programme_cap
        self.annual_fee = annual_fee
        self.success_fee_percent = success_fee_percent
        self.legal = dict(legal)

    @property
    def issuer(self) -> ReceiptIssuer:
        """The legal details its documents name it by."""
        return ReceiptIssuer(**self.legal)

    def amend_details(self, name: str, legal: ReceiptIssuer) -> None:
        """Change the agency's name or legal details (its code and region stay)."""
        name = text(name, N_("the agency's name"), 120)
        if not isinstance(legal, ReceiptIssuer):
            raise InvalidValueError("the agency's legal details are incomplete")
        details = ReceiptIssuer.of(**legal.as_dict()).as_dict()
        if name == self.name and details == self.legal:
            raise NothingToCorrectError("these already are the agency's details")
        self._amend_details(name, details)

    @event(DetailsAmended)
    def _amend_details(self, name: str, legal: dict[str, str]) -> None:
        self.name = name
        self.legal = dict(legal)

    def change_programme(self, programme_cap: Money, annual_fee: Money,
                         success_fee_percent: Decimal | int | str) -> None:
        """Change the programme: consortia proposed from now on are held to it."""
        cap, fee, percent = _programme(programme_cap, annual_fee, success_fee_percent)
        if (cap, fee, percent) == (self.programme_cap, self.annual_fee,
                                   self.success_fee_percent):
            raise NothingToCorrectError("this already is the agency's programme")
        self._change_programme(cap, fee, percent)

    @event(ProgrammeChanged)
    def _change_programme(self, programme_cap: Money, annual_fee: Money,
                          success_fee_percent: Decimal) -> None:
        self.programme_cap = programme_cap
        self.annual_fee = annual_fee
        self.success_fee_percent = success_fee_percent


def _programme(cap: Money, fee: Money,
               percent: Decimal | int | str) -> tuple[Money, Money, Decimal]:
    bounded(require_money(cap, N_("the programme cap")), N_("the programme cap"))
    bounded(require_money(fee, N_("the annual fee")), N_("the annual fee"))
    if fee.currency != cap.currency:
        raise CurrencyMismatchError("the programme is accounted in %(currency)s, not %(other)s",
                                    currency=cap.currency, other=fee.currency)
    return cap, fee, success_fee(percent)
