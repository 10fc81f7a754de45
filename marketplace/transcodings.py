"""How our value objects are written to and read back from the event store."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.money import Money
from domain.rules import ConsortiumRules
from domain.values import Country, Incoterm, Region, Sector


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class MoneyAsPair(Transcoding):
    type = Money
    name = "money"

    def encode(self, obj: Money) -> list[str]:
        return [str(obj.amount), obj.currency]

    def decode(self, data: list[str]) -> Money:
        return Money(Decimal(data[0]), data[1])


class CountryAsCode(Transcoding):
    type = Country
    name = "country"

    def encode(self, obj: Country) -> str:
        return obj.code

    def decode(self, data: str) -> Country:
        return Country(data)


class RegionAsCode(Transcoding):
    type = Region
    name = "region"

    def encode(self, obj: Region) -> str:
        return obj.code

    def decode(self, data: str) -> Region:
        return Region(data)


class IncotermAsPair(Transcoding):
    type = Incoterm
    name = "incoterm"

    def encode(self, obj: Incoterm) -> list[str]:
        return [obj.rule, obj.place]

    def decode(self, data: list[str]) -> Incoterm:
        return Incoterm(data[0], data[1])


class SectorAsPair(Transcoding):
    type = Sector
    name = "sector"

    def encode(self, obj: Sector) -> list[str]:
        return [obj.nace, obj.name]

    def decode(self, data: list[str]) -> Sector:
        return Sector(data[0], data[1])


class RulesAsDict(Transcoding):
    type = ConsortiumRules
    name = "consortium_rules"

    def encode(self, obj: ConsortiumRules) -> dict[str, Any]:
        return obj.as_dict()

    def decode(self, data: dict[str, Any]) -> ConsortiumRules:
        return ConsortiumRules(**data)


TRANSCODINGS: tuple[Transcoding, ...] = (
    DateAsISO(), MoneyAsPair(), CountryAsCode(), RegionAsCode(), IncotermAsPair(),
    SectorAsPair(), RulesAsDict(),
)


def register(transcoder: JSONTranscoder) -> None:
    """Register every value object's transcoding."""
    for transcoding in TRANSCODINGS:
        transcoder.register(transcoding)
