"""The firms behind an offer, each once, with the stages it delivers in that offer."""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]


def each_firm_once(offer: list[Row]) -> list[Row]:
    """Every firm listed under the offer's stages, once, by name; `offer_stages` holds the
    stages it stands behind, in the offer's order."""
    once: dict[str, Row] = {}
    for part in offer:
        for firm in part["firms"]:
            entry = once.setdefault(firm["membership_id"], {**firm, "offer_stages": []})
            entry["offer_stages"].append(part["stage"])
    return sorted(once.values(), key=lambda firm: (firm["company_name"].casefold(),
                                                   firm["membership_id"]))
