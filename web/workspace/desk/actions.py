"""The desk's forms: triage, asking members, the quote, the award, the contract, the rates.

Each goes through `forms.submit` against the version the page showed: 404 for a missing
record, 409 for a stale form, 422 with the page re-rendered for a refused rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from uuid import UUID

from flask import redirect, request, url_for
from flask_babel import gettext as _

from domain.money import Money
from marketplace.bidding.desk import rate_table_id  # the table's id, from the consortium's
from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page, Refused
from web.i18n import _local_path, money
from web.workspace.desk import desk
from web.workspace.desk import forms as desk_forms
from web.workspace.desk.access import (
    bid_version,
    check_manages,
    managed_bid,
    rate_table_version,
)
from web.workspace.desk.pages import award_page, bid_page, quote_page, rates_page
from web.workspace.desk.render import assembly_for, contributors


def _to_bid(bid_id: str) -> Callable[[], Page]:
    return lambda: redirect(url_for("desk.bid", bid_id=bid_id), code=303)


def act(bid_id: str, command: Callable[[], object]) -> Page:
    """Run a form of the RFQ's page against the version it showed, then back to the RFQ."""
    managed_bid(bid_id)
    return forms.submit(
        command, seen=(bid_id, bid_version(bid_id)), done=_to_bid(bid_id),
        again=lambda refused: bid_page(bid_id, refused.message, refused.status))


@desk.post("/rfq/<bid_id>/qualify")
@allow("manager")
def qualify(bid_id: str) -> Page:
    """Take the RFQ on, with a note."""
    return act(bid_id, lambda: services().marketplace.qualify_rfq(bid_id, forms.text("note")))


@desk.post("/rfq/<bid_id>/decline")
@allow("manager")
def decline(bid_id: str) -> Page:
    """Decline the RFQ with a reason the buyer will read."""
    return act(bid_id,
               lambda: services().marketplace.decline_rfq(bid_id, forms.text("reason")))


@desk.post("/rfq/<bid_id>/contributions")
@allow("manager")
def request_contributions(bid_id: str) -> Page:
    """Ask the ticked members for their price, each for its stage, by a due date."""

    def ask() -> None:
        asks = desk_forms.asks()
        due_on = forms.day("due_on", _("The due date"))
        services().marketplace.request_contributions(bid_id, asks, due_on)

    return act(bid_id, ask)


def _quote_terms(bid: dict, margin_text: str) -> tuple[Money, date, int]:
    """The quote's terms as typed, its price recomputed by the server from the same inputs.

    The price is the one the page showed (`shown`): if the contributions or rates moved
    since, the page is shown again with the new figures rather than sending another price.
    """
    assembly = assembly_for(bid, desk_forms.margin(margin_text))
    if assembly.missing_rates:
        raise Refused(_("Set a rate for %(pairs)s in the rate table first.",
                        pairs=", ".join(assembly.missing_rates)))
    shown = request.form.get("shown_total", "").strip()
    if shown and shown != str(assembly.total):
        raise Refused(_("The price changed since the page showed it: check the new figures "
                        "and submit again."), forms.STALE)
    valid_until = forms.day("valid_until", _("The validity date"))
    lead_time = forms.whole_number("lead_time_days", _("The lead time"))
    return Money(assembly.total, bid["currency"]), valid_until, lead_time


def written_terms() -> dict[str, str]:
    """The quote's written terms (payment, warranty, taxes) as the manager typed them."""
    return {name: forms.text(name) for name in ("payment_terms", "warranty", "taxes")}


@desk.post("/rfq/<bid_id>/quote")
@allow("manager")
def submit_quote(bid_id: str) -> Page:
    """Submit the assembled price, its validity and lead time to the buyer."""
    bid = managed_bid(bid_id)
    margin_text = request.form.get("margin", "")

    def submit() -> None:
        services().marketplace.submit_quote(
            bid_id, *_quote_terms(bid, margin_text), **written_terms())

    return forms.submit(
        submit, seen=(bid_id, bid_version(bid_id)), done=_to_bid(bid_id),
        again=lambda refused: quote_page(bid_id, margin_text, refused.message, refused.status))


@desk.post("/rfq/<bid_id>/quote/revision")
@allow("manager")
def revise_quote(bid_id: str) -> Page:
    """Replace the quote the buyer has not answered with a revised one, saying why."""
    bid = managed_bid(bid_id)
    margin_text = request.form.get("margin", "")

    def revise() -> None:
        services().marketplace.revise_quote(bid_id, *_quote_terms(bid, margin_text),
                                            reason=forms.text("reason"))

    return forms.submit(
        revise, seen=(bid_id, bid_version(bid_id)), done=_to_bid(bid_id),
        again=lambda refused: quote_page(bid_id, margin_text, refused.message, refused.status))


@desk.post("/rfq/<bid_id>/award")
@allow("manager")
def record_award(bid_id: str) -> Page:
    """Record the award; the shares must add up to the contract value, to the cent."""
    bid = managed_bid(bid_id)

    def record() -> None:
        currency = bid["currency"]
        value = desk_forms.amount(forms.text("value"), currency, "value")
        shares = desk_forms.shares(currency, [c["membership_id"] for c in contributors(bid)])
        summed = sum((s.amount for s in shares.values()), Decimal(0))
        if summed != value.amount:
            # Checked here to name both figures in the page's language; the domain checks too.
            raise Refused(_(
                "The work shares add up to %(sum)s, not the contract value %(value)s.",
                sum=money(summed, currency), value=money(value.amount, currency)), field="value")
        services().marketplace.award_contract(bid_id, value, shares, forms.text("reference"))

    return forms.submit(
        record, seen=(bid_id, bid_version(bid_id)), done=_to_bid(bid_id),
        again=lambda refused: award_page(bid_id, refused.message, refused.status))


@desk.post("/rfq/<bid_id>/award/correction")
@allow("manager")
def correct_shares(bid_id: str) -> Page:
    """Correct the award's work shares, saying why; they still add up to the contract."""
    bid = managed_bid(bid_id)

    def correct() -> None:
        shares = desk_forms.shares(bid["currency"],
                                   [c["membership_id"] for c in contributors(bid)])
        services().marketplace.correct_work_shares(bid_id, shares, forms.text("reason"))

    return forms.submit(
        correct, seen=(bid_id, bid_version(bid_id)), done=_to_bid(bid_id),
        again=lambda refused: award_page(bid_id, refused.message, refused.status))


@desk.post("/rfq/<bid_id>/award/proportional")
@allow("manager")
def share_award(bid_id: str) -> tuple[str, int]:
    """Share the typed value in proportion again, without JavaScript; a POST, so the
    form's token never goes into a URL."""
    managed_bid(bid_id)
    return award_page(bid_id)


@desk.post("/rfq/<bid_id>/milestones")
@allow("manager")
def deliver_milestone(bid_id: str) -> Page:
    """Record a delivered milestone of the contract, for one of its stages."""
    return act(bid_id, lambda: services().marketplace.deliver_milestone(
        bid_id, forms.text("title"), forms.text("stage")))


@desk.post("/rfq/<bid_id>/complete")
@allow("manager")
def complete(bid_id: str) -> Page:
    """Close the contract as delivered."""
    return act(bid_id, lambda: services().marketplace.complete_contract(bid_id))


@desk.post("/consortia/<consortium_id>/rates")
@allow("manager")
def set_rate(consortium_id: str) -> Page:
    """Record a rate from a given day; the same day's rate set again corrects it."""
    version = rate_table_version(consortium_id)
    check_manages(consortium_id)

    def record() -> None:
        services().marketplace.set_exchange_rate(
            consortium_id, forms.text("currency_from"), forms.text("currency_to"),
            forms.decimal("rate", _("The rate")), forms.day("as_of",
                                                            _("The day the rate holds from")))

    def done() -> Page:
        back = request.form.get("next")
        return redirect(_local_path(back) if back else url_for(
            "desk.rates", consortium_id=consortium_id), code=303)

    return forms.submit(
        record, seen=(rate_table_id(UUID(consortium_id)), version), done=done,
        again=lambda refused: rates_page(consortium_id, refused.message, refused.status))
