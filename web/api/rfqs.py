"""A request for quotation as the API shows it to its buyer, in the buyer's words.

The status and each step of the timeline use the words of web/labels.py's buyer table,
the ones the tracking page shows: `code` for programs, `label` in the Accept-Language.
"""

from __future__ import annotations

from typing import Any

from web.labels import buyer_status


def _quote(found: dict[str, Any]) -> dict[str, Any] | None:
    if found["quote_price"] is None:
        return None
    # Only the consortium's one price: members' contributions never leave the read models.
    return {
        "price": {"amount": str(found["quote_price"]), "currency": found["currency"]},
        "valid_until": found["quote_valid_until"].isoformat(),
        "lead_time_days": found["quote_lead_time_days"],
        "incoterm": found["incoterm"],
        "stages": [
            {"stage": stage, "firms": firms} for stage, firms in found["delivered_by"].items()
        ],
    }


def represent(found: dict[str, Any]) -> dict[str, Any]:
    """The tracked request as JSON: its terms, status, timeline and quote."""
    wanted = found["wanted_delivery"]
    status, label = buyer_status(found["status"])
    return {
        "reference": found.get("reference"),
        "status": status,
        "status_label": label,
        "consortium": {"slug": found["consortium_slug"], "name": found["consortium_name"]},
        "organisation": found["organisation"],
        "stages": list(found["stages"]),
        "quantity": str(found["quantity"]),
        "unit": found["unit"],
        "incoterm": found["incoterm"],
        "currency": found["currency"],
        "quote_needed_by": found["quote_needed_by"].isoformat(),
        "wanted_delivery": wanted.isoformat() if wanted else None,
        "timeline": [{"event": buyer_status(step["step"])[0],
                      "label": buyer_status(step["step"])[1],
                      "at": step["at"].isoformat()} for step in found["timeline"]],
        "quote": _quote(found),
    }
