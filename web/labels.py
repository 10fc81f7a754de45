"""The words pages name things by, in the page's language: states, stages, countries, rules.

One table per audience where the wording differs: the desk, a member, the buyer and the
agency officer each say where an RFQ or a membership stands in their own words. The msgids
are the ones the catalogs translate. A status missing from a table shows as it is stored.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import pycountry
from babel import Locale
from flask_babel import get_locale

from domain.statuses import AccountStanding
from domain.statuses import BidStatus as Bid
from domain.statuses import ConsortiumStatus as Consortium
from domain.statuses import ContributionStatus as Contribution
from domain.statuses import FeeStatus as Fee
from domain.statuses import MembershipStatus as Membership
from domain.values import Stage
from marketplace.formation.queries import WORK_SHARE_RULES
from web.translating import gettext as _
from web.translating import lazy_gettext as _l

# Each stage by name, so the catalogs translate them; in value-chain order.
STAGE_LABELS = {
    Stage.DESIGN.value: _l("Design"),
    Stage.ENGINEERING.value: _l("Engineering"),
    Stage.MANUFACTURING.value: _l("Manufacturing"),
    Stage.LOGISTICS.value: _l("Logistics and shipping"),
    Stage.INSTALLATION.value: _l("Installation"),
    Stage.MAINTENANCE.value: _l("Maintenance"),
}
STAGES: tuple[str, ...] = tuple(STAGE_LABELS)


def stage_label(stage: str) -> str:
    """A stage's name in the page's language."""
    label = STAGE_LABELS.get(stage)
    return str(label) if label is not None else stage


def stage_names() -> dict[str, str]:
    """The value-chain stages, named for people, in value-chain order."""
    return {stage: str(label) for stage, label in STAGE_LABELS.items()}


def stage_choices() -> list[tuple[str, str]]:
    """Every value-chain stage with its name, in value-chain order, for a form's boxes."""
    return [(stage, stage_label(stage)) for stage in STAGES]


def stage_list(stages: Iterable[str]) -> str:
    """Stages named and joined for a sentence: "Design, Installation"."""
    return ", ".join(stage_label(stage) for stage in stages)


def _language() -> str:
    return str(get_locale() or Locale("en"))


@functools.lru_cache(maxsize=8)
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(language).territories
    pairs = [(c.alpha_2, names.get(c.alpha_2) or c.name) for c in pycountry.countries]
    return tuple(sorted(pairs, key=lambda pair: pair[1].casefold()))


@functools.lru_cache(maxsize=8)
def _country_names(language: str) -> dict[str, str]:
    return dict(_countries(language))


def countries() -> tuple[tuple[str, str], ...]:
    """ISO 3166-1 alpha-2 codes with their names in the page's language, by name."""
    return _countries(_language())


def country_name(code: str) -> str:
    """An ISO 3166-1 country's name in the page's language (MX: Mexico, México, Mexique)."""
    return _country_names(_language()).get(code.upper(), code)


def desk_bid_states() -> dict[str, str]:
    """Where an RFQ stands, as the desk says it."""
    return {Bid.REQUESTED: _("To triage"), Bid.QUALIFIED: _("Collecting contributions"),
            Bid.DECLINED: _("Declined"), Bid.QUOTED: _("Quote sent; awaiting the buyer"),
            Bid.REVISION_REQUESTED: _("Revision asked by the buyer"),
            Bid.ACCEPTED: _("Accepted by the buyer"), Bid.REJECTED: _("Declined by the buyer"),
            Bid.EXPIRED: _("Quote expired"), Bid.AWARDED: _("Contract awarded"),
            Bid.COMPLETED: _("Completed")}


def member_bid_state(status: str) -> str:
    """Where an RFQ stands, as a member says it."""
    return {Bid.REQUESTED: _("received"), Bid.QUALIFIED: _("being priced"),
            Bid.DECLINED: _("declined"), Bid.QUOTED: _("quoted"),
            Bid.REVISION_REQUESTED: _("being priced again"),
            Bid.ACCEPTED: _("quote accepted"), Bid.REJECTED: _("quote declined by the buyer"),
            Bid.EXPIRED: _("quote expired"), Bid.AWARDED: _("contract awarded"),
            Bid.COMPLETED: _("contract completed")}.get(status, status)


# Where a request stands for its buyer, one table for the tracking page and the API: each
# step of the timeline (a bid status, or "received") with the word the API sends for it and
# the label the page shows. The API says "declined" where the buyer declined, as the page
# does, never the store's "rejected".
BUYER_STEPS: dict[str, tuple[str, Any]] = {
    "received": ("received", _l("Request received")),
    Bid.QUALIFIED: ("taken_on", _l("Taken on by the consortium")),
    Bid.DECLINED: ("declined_by_consortium", _l("Declined by the consortium")),
    Bid.QUOTED: ("quoted", _l("Quote ready")),
    Bid.REVISION_REQUESTED: ("revision_requested", _l("You asked for a revised quote")),
    Bid.ACCEPTED: ("accepted", _l("You accepted the quote")),
    Bid.REJECTED: ("declined", _l("You declined the quote")),
    Bid.EXPIRED: ("expired", _l("The quote expired")),
    Bid.AWARDED: ("awarded", _l("Contract awarded")),
    Bid.COMPLETED: ("completed", _l("Contract completed")),
}
# A request that is only received is stored as requested.
_STEP_OF_STATUS = {Bid.REQUESTED: "received"}
BUYER_STATUS_CODES: tuple[str, ...] = tuple(code for code, _label in BUYER_STEPS.values())


def buyer_steps() -> dict[str, str]:
    """The public steps of a request, as the buyer reads them on the tracking page."""
    return {step: str(label) for step, (_code, label) in BUYER_STEPS.items()}


def buyer_status(status: str) -> tuple[str, str]:
    """A request's status or timeline step as the buyer's word for programs, and its label."""
    step = _STEP_OF_STATUS.get(status, status)
    code, label = BUYER_STEPS.get(step, (step, step))
    return code, str(label)


def member_contribution_state(status: str) -> str:
    """Where a contribution asked of a member stands, as the member says it."""
    return {Contribution.REQUESTED: _("asked"), Contribution.COMMITTED: _("committed"),
            Contribution.WITHDRAWN: _("withdrawn")}.get(status, status)


def member_standing(status: str) -> str:
    """A membership's standing, as the member says it."""
    return {Membership.INVITED: _("invited"), Membership.JOINED: _("active member"),
            Membership.SUSPENDED: _("suspended for arrears"),
            Membership.DECLINED: _("declined"), Membership.LEFT: _("left")}.get(status, status)


def officer_membership_states() -> dict[str, str]:
    """A prospect's or a member's status, as the agency officer says it."""
    return {Membership.INVITED: _("Invited"), Membership.JOINED: _("Joined"),
            Membership.DECLINED: _("Declined"), Membership.LEFT: _("Left"),
            Membership.SUSPENDED: _("Suspended")}


def officer_consortium_states() -> dict[str, str]:
    """A consortium's status, as the agency officer says it."""
    return {Consortium.PROPOSED: _("In formation"), Consortium.ESTABLISHED: _("Established"),
            Consortium.SUSPENDED: _("Suspended"), Consortium.DISSOLVED: _("Dissolved")}


def officer_states() -> dict[str, str]:
    """A consortium's or a prospect's status, as the officer says it."""
    return {**officer_consortium_states(), **officer_membership_states()}


def formation_steps() -> dict[str, str]:
    """What a consortium in formation waits for next."""
    return {"prospects": _("Identify prospects"), "manager": _("Appoint the manager"),
            "rules": _("Adopt the rules"), "establish": _("Establish the consortium"),
            "publish": _("Publish the offer"), "established": _("Offer published"),
            "suspended": _("Suspended"), "dissolved": _("Dissolved")}


def work_share_rules() -> list[tuple[str, str]]:
    """The work-share rules a consortium may adopt, named."""
    names = {"proportional": _("Proportional to each member's contribution"),
             "equal": _("Equal shares among the contributors"),
             "negotiated": _("Negotiated for each contract")}
    return [(rule, names.get(rule, rule)) for rule in WORK_SHARE_RULES]


def member_fee_state(status: str) -> str:
    """Where a fee stands, as the member who owes it says it."""
    return {Fee.ASSESSED: _("to pay"), Fee.PAID: _("paid"), Fee.FAILED: _("payment failed"),
            Fee.REFUNDED: _("refunded"), Fee.CREDITED: _("credited, nothing due")
            }.get(status, status)


def manager_fee_states() -> dict[str, str]:
    """Where a fee stands, as the consortium's manager says it."""
    return {Fee.ASSESSED: _("Due"), Fee.FAILED: _("Payment failed"), Fee.PAID: _("Paid"),
            Fee.REFUNDED: _("Refunded"), Fee.CREDITED: _("Credited in full")}


def fee_kinds() -> dict[str, str]:
    """The kinds of fee a member pays."""
    return {"annual": _("Annual fee"), "success": _("Success fee")}


def role_names() -> dict[str, str]:
    """The roles as people call them, in the page's language."""
    return {"officer": _("agency officer"), "manager": _("consortium manager"),
            "member": _("member user"), "auditor": _("auditor")}


def account_standings() -> dict[str, str]:
    """An account's sign-in standing, as the officers' accounts screen says it."""
    return {AccountStanding.OPEN: _("Active"),
            AccountStanding.INVITED: _("Invited, no password yet"),
            AccountStanding.INVITATION_EXPIRED: _("Invitation expired"),
            AccountStanding.CLOSED: _("Closed")}


def mail_names() -> dict[str, str]:
    """The mails a member user may choose to receive."""
    return {"contribution_requests": _("When the manager asks my company to price a stage"),
            "awards": _("When a contract with a work share for my company is awarded"),
            "fees": _("When a fee is assessed on my company, and each reminder of it")}


def member_names() -> dict[str, Any]:
    """The helpers the member's and the payment pages name things with."""
    return {"member_status": member_standing, "fee_status": member_fee_state,
            "bid_status": member_bid_state, "contribution_status": member_contribution_state,
            "stage_names": stage_names(), "country_name": country_name,
            "mail_names": mail_names(), "fee_kinds": fee_kinds()}
