"""The dashboard's figures written for people: headline facts and charts with their tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _

from web.i18n import money
from web.labels import country_name
from web.workspace.dashboard.charts import Chart, Point, bars, columns


def number(value: int | Decimal | None) -> str:
    """A count or a figure in the page's language; a dash when there is none."""
    return "—" if value is None else format_decimal(value)


def share(value: int | None) -> str:
    """A whole percentage; a dash when there is nothing to measure."""
    return "—" if value is None else _("%(n)s%%", n=format_decimal(value))


def facts(kpi: dict[str, Any]) -> list[tuple[str, str]]:
    """The headline figures, in the order the agency reads them."""
    days = kpi["median_days_to_quote"]
    return [
        (_("RFQs received"), number(kpi["rfqs_received"])),
        (_("Quotes submitted"), number(kpi["quotes_submitted"])),
        (_("On-time response rate"), share(kpi["on_time_response_rate"])),
        (_("Median time to quote"),
         "—" if days is None else _("%(days)s days", days=format_decimal(days))),
        (_("Win rate"), share(kpi["win_rate"])),
        (_("Endorsements"), number(kpi["trust"]["endorsements"])),
    ]


def _of(part: int, whole: int) -> str:
    return _("%(part)s of %(whole)s", part=format_decimal(part), whole=format_decimal(whole))


def charts(kpi: dict[str, Any]) -> list[Chart]:
    """Every chart of the dashboard, each with the data table it is drawn from."""
    found = [bars("pipeline", _("From RFQ to contract"), [
        Point(_("RFQs received"), kpi["rfqs_received"], number(kpi["rfqs_received"])),
        Point(_("RFQs answered"), kpi["responses"], number(kpi["responses"])),
        Point(_("Quotes submitted"), kpi["quotes_submitted"], number(kpi["quotes_submitted"])),
        Point(_("Quotes won"), kpi["quotes_won"], number(kpi["quotes_won"])),
        Point(_("Contracts awarded"), kpi["contracts_awarded"],
              number(kpi["contracts_awarded"])),
    ], label_heading=_("Step"), value_heading=_("How many"))]
    found.append(bars("rates", _("Response and win rates"), [
        Point(_("RFQs answered on time"), kpi["on_time_response_rate"] or 0,
              share(kpi["on_time_response_rate"]),
              _of(kpi["responses_on_time"], kpi["responses"])),
        Point(_("Quotes won"), kpi["win_rate"] or 0, share(kpi["win_rate"]),
              _of(kpi["quotes_won"], kpi["quotes_decided"])),
    ], label_heading=_("Rate"), value_heading=_("Share"), percent=True,
        note=_("Answers are quotes and declines; a quote is won or lost once the buyer "
               "accepts it, rejects it or lets it expire.")))
    for currency, countries in kpi["contract_value_by_country"].items():
        found.append(bars(
            f"contracts-{currency.lower()}",
            _("Contract value in %(currency)s by destination country", currency=currency),
            [Point(country_name(code), value, money(value, currency))
             for code, value in countries],
            label_heading=_("Country"), value_heading=_("Contract value")))
    # Before any fee is assessed, show zeros in the agency's currency rather than no chart.
    nothing = {"assessed": Decimal(0), "collected": Decimal(0)}
    for currency, sums in (kpi["fees"] or dict.fromkeys(kpi["seed_funding"], nothing)).items():
        found.append(bars(f"fees-{currency.lower()}",
                          _("Fees collected against fees assessed (%(currency)s)",
                            currency=currency), [
            Point(_("Assessed"), sums["assessed"], money(sums["assessed"], currency)),
            Point(_("Collected"), sums["collected"], money(sums["collected"], currency)),
        ], label_heading=_("Fees"), value_heading=_("Amount"),
            note=_("Collected: fees paid, less refunds.")))
    for currency, sums in kpi["seed_funding"].items():
        found.append(bars(f"seed-{currency.lower()}",
                          _("Seed funding used against funding granted (%(currency)s)",
                            currency=currency), [
            Point(_("Programme cap"), sums["programme_cap"],
                  money(sums["programme_cap"], currency)),
            Point(_("Granted"), sums["granted"], money(sums["granted"], currency)),
            Point(_("Disbursed"), sums["disbursed"], money(sums["disbursed"], currency)),
        ], label_heading=_("Seed funding"), value_heading=_("Amount")))
    if kpi["members_over_time"]:
        found.append(columns("members", _("Members at the end of each year"), [
            Point(str(year), count, number(count)) for year, count in kpi["members_over_time"]
        ], label_heading=_("Year"), value_heading=_("Members")))
    trust = kpi["trust"]
    found.append(bars("trust", _("Trust indicators"), [
        Point(_("Meeting attendance"), trust["attendance_rate"] or 0,
              share(trust["attendance_rate"]),
              _of(trust["meeting_attendances"], trust["meeting_seats"])),
        Point(_("Fees paid on time"), trust["fees_on_time_rate"] or 0,
              share(trust["fees_on_time_rate"]),
              _of(trust["fees_paid_on_time"], trust["fees_paid"])),
    ], label_heading=_("Indicator"), value_heading=_("Share"), percent=True,
        note=_("Attendance counts each meeting's attendees against the prospects invited by "
               "then. Endorsements between members: %(n)s.",
               n=number(trust["endorsements"]))))
    return found
