"""Value objects that speak the standards: ISO 3166, Incoterms 2020, NACE, stages."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pycountry

from domain.errors import (
    N_,
    OutOfRangeError,
    UnknownCountryError,
    UnknownIncotermError,
    UnknownRegionError,
    UnknownSectorError,
    UnknownStageError,
)
from domain.money import Money, currency_code
from domain.text import readable

__all__ = ["Country", "Incoterm", "Money", "Region", "Sector", "Stage", "currency_code",
           "EARLIEST", "LATEST", "within_window"]

# The product's window: every date a command takes lies in it, or in a narrower one
# where the rule says so, so no date stored can overflow a later sum or page.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def within_window(day: date, what: str, *, earliest: date = EARLIEST,
                  latest: date = LATEST) -> date:
    """A date a command may record (`what` marked with N_ for the catalogs)."""
    if not earliest <= day <= latest:
        raise OutOfRangeError("%(what)s must lie between %(earliest)s and %(latest)s",
                              what=what, earliest=earliest, latest=latest)
    return day


@functools.lru_cache(maxsize=1024)
def _is_country(code: str) -> bool:
    # Cached: value objects are checked again each time they are read from the store.
    return pycountry.countries.get(alpha_2=code) is not None


@functools.lru_cache(maxsize=1024)
def _is_region(code: str) -> bool:
    return pycountry.subdivisions.get(code=code) is not None


class Stage(StrEnum):
    """One step of the value chain, in the order work flows through it."""

    DESIGN = "design"
    ENGINEERING = "engineering"
    MANUFACTURING = "manufacturing"
    LOGISTICS = "logistics"
    INSTALLATION = "installation"
    MAINTENANCE = "maintenance"

    @classmethod
    def parse(cls, value: str | Stage) -> Stage:
        try:
            return cls(str(getattr(value, "value", value)).strip().lower())
        except ValueError:
            raise UnknownStageError("%(value)s is not a stage; stages are %(stages)s",
                                    value=repr(value), stages=list(cls)) from None

    @classmethod
    def parse_many(cls, values: object) -> tuple[Stage, ...]:
        """Parse and order a collection of stages, dropping repeats."""
        if isinstance(values, str | Stage):
            values = [values]
        parsed = {cls.parse(v) for v in values}  # type: ignore[attr-defined]
        return tuple(s for s in cls if s in parsed)


@dataclass(frozen=True, slots=True)
class Country:
    """An ISO 3166-1 alpha-2 country."""

    code: str

    def __post_init__(self) -> None:
        code = self.code.strip().upper() if isinstance(self.code, str) else ""
        if len(code) != 2 or not _is_country(code):
            raise UnknownCountryError("%(code)s is not an ISO 3166-1 alpha-2 country code",
                                      code=repr(self.code))
        object.__setattr__(self, "code", code)

    @property
    def name(self) -> str:
        country = pycountry.countries.get(alpha_2=self.code)
        return country.name if country else self.code

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Region:
    """An ISO 3166-2 subdivision, such as ES-CB (Cantabria)."""

    code: str

    def __post_init__(self) -> None:
        code = self.code.strip().upper() if isinstance(self.code, str) else ""
        if not _is_region(code):
            raise UnknownRegionError("%(code)s is not an ISO 3166-2 region code",
                                     code=repr(self.code))
        object.__setattr__(self, "code", code)

    @property
    def name(self) -> str:
        region = pycountry.subdivisions.get(code=self.code)
        return region.name if region else self.code

    @property
    def country(self) -> Country:
        return Country(self.code[:2])

    def within(self, other: Region) -> bool:
        """Whether this region is `other` or lies inside it (a province of its community)."""
        code: str | None = self.code
        while code:
            if code == other.code:
                return True
            found = pycountry.subdivisions.get(code=code)
            code = getattr(found, "parent_code", None) if found else None
        return False

    def __str__(self) -> str:
        return self.code


INCOTERMS_2020 = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
SEA_ONLY = frozenset({"FAS", "FOB", "CFR", "CIF"})


@dataclass(frozen=True, slots=True)
class Incoterm:
    """An Incoterms 2020 rule with its named place, e.g. CIF Veracruz."""

    rule: str
    place: str

    def __post_init__(self) -> None:
        rule = self.rule.strip().upper() if isinstance(self.rule, str) else ""
        if rule not in INCOTERMS_2020:
            raise UnknownIncotermError("%(rule)s is not an Incoterms 2020 rule (%(rules)s)",
                                       rule=repr(self.rule), rules=list(INCOTERMS_2020))
        place = " ".join(str(self.place or "").split())
        if not place:
            raise UnknownIncotermError("%(rule)s needs a named place, e.g. '%(rule)s Veracruz'",
                                       rule=rule)
        if len(place) > 120:
            raise UnknownIncotermError("the named place is longer than 120 characters")
        readable(place, N_("the named place"))
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "place", place)

    def __str__(self) -> str:
        return f"{self.rule} {self.place}"


# NACE Rev. 2 divisions (two digits). Classes refine a division: "25.11".
_NACE_DIVISIONS = frozenset(
    f"{d:02d}"
    for d in [*range(1, 4), *range(5, 10), *range(10, 34), 35, *range(36, 40), 41, 42, 43,
              45, 46, 47, *range(49, 54), 55, 56, *range(58, 64), 64, 65, 66, 68,
              *range(69, 76), *range(77, 83), 84, 85, 86, 87, 88, *range(90, 94),
              94, 95, 96, 97, 98, 99]
)
_NACE = re.compile(r"^(?:[A-U]\s*)?(\d{2})(?:\.(\d{1,2}))?$")


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector named by its NACE Rev. 2 code, e.g. Sector("25", "Metal products")."""

    nace: str
    name: str

    def __post_init__(self) -> None:
        match = _NACE.match(self.nace.strip().upper() if isinstance(self.nace, str) else "")
        if not match or match.group(1) not in _NACE_DIVISIONS:
            raise UnknownSectorError("%(code)s is not a NACE Rev. 2 division or class",
                                     code=repr(self.nace))
        name = " ".join(str(self.name or "").split())
        if not name:
            raise UnknownSectorError("a sector needs a name")
        readable(name, N_("the sector's name"))
        code = match.group(1) + (f".{match.group(2)}" if match.group(2) else "")
        object.__setattr__(self, "nace", code)
        object.__setattr__(self, "name", name)

    def __str__(self) -> str:
        return f"{self.name} (NACE {self.nace})"
