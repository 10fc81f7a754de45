"""Reading the formation forms' own fields: certifications and the fee schedule.

Generic fields are read with `web.forms`. A line that cannot be read raises `Refused`
naming its field, which `forms.submit` answers like any refused rule: 422, nothing written.
"""

from __future__ import annotations

from flask_babel import gettext as _

from domain.money import Money
from web.forms import ReadTwoWays, Refused, lines, read_day, read_number


def certifications(name: str) -> list[dict]:
    """Lines such as 'ISO 9001, 2030-01-01' (the expiry is optional)."""
    found: list[dict[str, object]] = []
    for line in lines(name):
        title, _sep, expiry = (part.strip() for part in line.rpartition(","))
        if not title:
            found.append({"name": line, "expires_on": None})
            continue
        try:
            found.append({"name": title, "expires_on": read_day(expiry, title)})
        except Refused:
            raise Refused(_("%(line)s: the expiry must be a date (YYYY-MM-DD).", line=line),
                          field=name) from None
    return found


def fee_schedule(name: str, currency: str) -> dict[str, Money]:
    """Lines such as 'standard 2400' (es 'estándar 2.400,50') as member tiers and fees."""
    schedule: dict[str, Money] = {}
    for line in lines(name):
        tier, _sep, typed = line.rpartition(" ")
        try:
            fee = read_number(typed, tier, field=name)
        except ReadTwoWays as two_ways:
            raise Refused(f"{line}: {two_ways.message}", field=name) from None
        except Refused:
            raise Refused(_("%(line)s: write a tier's name, then its annual fee.", line=line),
                          field=name) from None
        schedule[tier.strip()] = Money.of(fee, currency)
    return schedule
