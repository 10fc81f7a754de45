"""The formation page: its capability heat map, its forms as typed, page or fragment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import render_template, request

from marketplace.agencies.queries import programme_defaults
from marketplace.formation.queries import companies_to_identify, manager_name
from marketplace.storefront.queries import offer_texts, stale_offer_languages
from web import labels
from web.extensions import htmx, services
from web.i18n import number_text
from web.workspace.agency.access import can_act
from web.workspace.agency.placing import placed_notices

LEVELS = 4  # heat-0 (nobody) to heat-4 (the most firms of any stage)


def level(count: int, most: int) -> int:
    """A heat level 0-4 for `count` firms, relative to the best-covered stage."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(LEVELS, round(LEVELS * count / most)))


def heatmap(matrix: dict[str, Any]) -> dict[str, Any]:
    """Rows per firm, a totals row per stage, and the stages no joined member covers."""
    stages: list[str] = matrix["stages"]
    joined = {stage: 0 for stage in stages}
    prospects = {stage: 0 for stage in stages}
    rows = []
    for member in matrix["members"]:
        is_member = not member["prospect"]
        for stage in member["stages"]:
            (joined if is_member else prospects)[stage] += 1
        rows.append({"name": member["company_name"], "prospect": member["prospect"],
                     "cells": [{"stage": s, "covered": s in member["stages"],
                                "joined": is_member} for s in stages]})
    most = max(joined.values(), default=0)
    totals = [{"stage": s, "joined": joined[s], "prospects": prospects[s],
               "level": level(joined[s], most), "gap": s in matrix["gaps"]} for s in stages]
    return {"stages": stages, "rows": rows, "totals": totals, "gaps": list(matrix["gaps"])}


def _fee_text(rules: dict[str, Any] | None, first: Decimal) -> str:
    """The fee schedule in force as the rules form's lines, or a first suggestion: the
    annual fee of the agency's programme."""
    if not rules:
        return f"standard {number_text(first)}"
    return "\n".join(f"{tier} {number_text(fee['amount'])}"  # read back by forms.fee_schedule
                     for tier, fee in rules["annual_fees"].items())


def render_formation(formation: dict[str, Any], status: int = 200, *, error: str | None = None,
                     failed: str | None = None, notice: str | None = None,
                     notice_at: str | None = None) -> tuple[str, int]:
    """The formation page, or only its body for htmx; a refused form keeps what was typed,
    and "Saved." shows in the section of the form that saved (`notice_at`)."""
    top, placed = placed_notices()
    # Rules not adopted yet start from the agency programme's fees (registered agencies).
    defaults = programme_defaults(services().engine, formation["agency"]) or \
        (Decimal(2400), "EUR", Decimal(0))
    if notice and notice_at:
        placed.setdefault(notice_at, []).append(notice)
    elif notice:
        top.append(("success", notice))
    context = {
        "f": formation, "error": error, "failed": failed,
        "top_notices": top, "section_notices": placed,
        "typed": request.form if failed else {},
        "can_act": can_act(formation),
        "companies": companies_to_identify(services().engine, formation["consortium_id"]),
        "stage_names": labels.stage_choices(), "work_share_rules": labels.work_share_rules(),
        "work_share_labels": dict(labels.work_share_rules()),
        "consortium_states": labels.officer_consortium_states(),
        "member_states": labels.officer_membership_states(),
        "heat": heatmap(formation["matrix"]),
        "stage_list": labels.stage_list,
        "fee_text": _fee_text(formation["governance"]["rules"], defaults[0]),
        "success_default": defaults[2],
        "manager_name": manager_name(services().marketplace.vault, formation["governance"]),
        # The offer's texts per language, and those written from an earlier offer.
        "offer_texts": offer_texts(services().engine, formation["consortium_id"]),
        "stale_texts": stale_offer_languages(services().engine, formation["consortium_id"]),
    }
    if htmx and not htmx.history_restore_request:
        return render_template("agency/_partials/formation.html", **context), status
    return render_template("agency/consortium.html", **context), status
