"""The agency programme's seed-funding cap: one per installation, or per agency.

A consortium's cap never passes its agency's programme cap. The caps are settings
(`CONSORTIA_PROGRAMME_CAP`, `CONSORTIA_PROGRAMME_CAPS`), read by `marketplace.settings`;
a value that cannot be read stops the start, rather than fund beyond the programme.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import DomainError
from domain.money import CEILING, Money
from marketplace.errors import ConfigurationError

DEFAULT_PROGRAMME_CAP = Money.of("700000", "EUR")


def _agency_key(agency: str) -> str:
    return " ".join(agency.split()).casefold()


@dataclass(frozen=True)
class ProgrammeCaps:
    """The programme cap of each agency the installation serves, else the default."""

    default: Money = DEFAULT_PROGRAMME_CAP
    agencies: tuple[tuple[str, Money], ...] = ()  # (agency, its cap)

    def cap_for(self, agency: str) -> Money:
        """The cap of the programme `agency` runs."""
        key = _agency_key(agency or "")
        for name, cap in self.agencies:
            if _agency_key(name) == key:
                return cap
        return self.default

    @classmethod
    def parse(cls, default: str | None = None, per_agency: str | None = None) -> ProgrammeCaps:
        """`CONSORTIA_PROGRAMME_CAP` ("EUR 700000") and `CONSORTIA_PROGRAMME_CAPS`
        ("SODERCAN=EUR 700000; IDEPA=EUR 500000"); ConfigurationError on anything else."""
        cap = read_money("CONSORTIA_PROGRAMME_CAP", default) if default and default.strip() \
            else DEFAULT_PROGRAMME_CAP
        agencies = []
        for part in (per_agency or "").split(";"):
            if not part.strip():
                continue
            agency, sep, value = part.partition("=")
            if not sep or not agency.strip():
                raise ConfigurationError(
                    "CONSORTIA_PROGRAMME_CAPS must read 'AGENCY=EUR 700000; ...', not %(value)s",
                    value=repr(part.strip()))
            agencies.append((" ".join(agency.split()),
                             read_money("CONSORTIA_PROGRAMME_CAPS", value)))
        return cls(cap, tuple(agencies))


def read_money(name: str, value: str) -> Money:
    """'EUR 700000' as money above zero; otherwise a ConfigurationError that names the
    setting or option `name` it was given as."""
    currency, _sep, amount = value.strip().partition(" ")
    try:
        money = Money.of(amount.strip().replace("_", ""), currency)
    except (DomainError, ValueError, ArithmeticError):
        money = None
    if money is None or not money or money.amount >= CEILING:
        raise ConfigurationError(
            "%(setting)s must be a currency and an amount above zero, such as 'EUR 700000', "
            "not %(value)s", setting=name, value=repr(value.strip()))
    return money
