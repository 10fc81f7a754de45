"""The words the formation screens show for stages, statuses, steps and rules."""

from __future__ import annotations

from flask_babel import gettext as _

from marketplace.formation.queries import WORK_SHARE_RULES
from web.storefront.labels import STAGES, stage_label


def stage_names() -> list[tuple[str, str]]:
    """Every value-chain stage with its name, in value-chain order."""
    return [(stage, stage_label(stage)) for stage in STAGES]


def stage_list(stages: list[str]) -> str:
    """Stages named and joined for a sentence: "Design, Installation"."""
    return ", ".join(stage_label(stage) for stage in stages)


def work_share_rules() -> list[tuple[str, str]]:
    """The work-share rules a consortium may adopt, named."""
    names = {"proportional": _("Proportional to each member's contribution"),
             "equal": _("Equal shares among the contributors"),
             "negotiated": _("Negotiated for each contract")}
    return [(rule, names.get(rule, rule)) for rule in WORK_SHARE_RULES]


def status_names() -> dict[str, str]:
    """A consortium's or a prospect's status, as the officer says it."""
    return {"proposed": _("In formation"), "established": _("Established"),
            "suspended": _("Suspended"), "dissolved": _("Dissolved"),
            "invited": _("Invited"), "joined": _("Joined"), "declined": _("Declined"),
            "left": _("Left")}


def step_names() -> dict[str, str]:
    """What a consortium in formation waits for next."""
    return {"prospects": _("Identify prospects"), "manager": _("Appoint the manager"),
            "rules": _("Adopt the rules"), "establish": _("Establish the consortium"),
            "publish": _("Publish the offer"), "established": _("Offer published"),
            "suspended": _("Suspended"), "dissolved": _("Dissolved")}
