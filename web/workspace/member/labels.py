"""The member's words for states and kinds, in the page's language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from web.rfq.choices import country_name, stage_names
from web.workspace.member.blueprint import member


def member_status(status: str) -> str:
    """A membership's standing, as people say it."""
    return {"invited": _("invited"), "joined": _("active member"),
            "suspended": _("suspended for arrears"), "declined": _("declined"),
            "left": _("left")}.get(status, status)


def fee_status(status: str) -> str:
    return {"assessed": _("to pay"), "paid": _("paid"), "failed": _("payment failed"),
            "refunded": _("refunded")}.get(status, status)


def bid_status(status: str) -> str:
    return {"requested": _("received"), "qualified": _("being priced"),
            "declined": _("declined"), "quoted": _("quoted"), "accepted": _("quote accepted"),
            "rejected": _("quote declined by the buyer"), "expired": _("quote expired"),
            "awarded": _("contract awarded"), "completed": _("contract completed"),
            }.get(status, status)


def contribution_status(status: str) -> str:
    return {"requested": _("asked"), "committed": _("committed"),
            "withdrawn": _("withdrawn")}.get(status, status)


def mail_names() -> dict[str, str]:
    return {"contribution_requests": _("When the manager asks my company to price a stage"),
            "awards": _("When a contract with a work share for my company is awarded")}


@member.context_processor
def labels() -> dict[str, Any]:
    """The helpers the member's templates use to name things."""
    return {"member_status": member_status, "fee_status": fee_status,
            "bid_status": bid_status, "contribution_status": contribution_status,
            "stage_names": stage_names(), "country_name": country_name,
            "mail_names": mail_names()}
