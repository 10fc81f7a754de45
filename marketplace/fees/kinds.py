"""Which kind a fee is, and what it is owed for: the annual fee, or a success fee's award."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from marketplace.bidding.readmodel import bids

SUCCESS = "success-"

Row = dict[str, Any]


def kind(fee_id: str) -> str:
    """annual or success, from the fee's id (success fees are `success-<RFQ id>`)."""
    return "success" if fee_id.startswith(SUCCESS) else "annual"


def described(conn: Connection, rows: list[Row]) -> list[Row]:
    """Each fee row with its kind, what is due after credit notes, and a success fee's award.

    Adds `kind`, `due`, `bid_id`, `award_reference` and `award_organisation` (the last three
    None for annual fees).
    """
    awarded = {row["fee_id"].removeprefix(SUCCESS) for row in rows
               if kind(row["fee_id"]) == "success"}
    awards: dict[str, Row] = {}
    if awarded:
        query = (select(bids.c.bid_id, bids.c.contract_reference, bids.c.organisation)
                 .where(bids.c.bid_id.in_(sorted(awarded))))
        awards = {row.bid_id: dict(row._mapping) for row in conn.execute(query)}
    for row in rows:
        row["kind"] = kind(row["fee_id"])
        row["credited"] = row.get("credited") or Decimal(0)
        row["due"] = row["amount"] - row["credited"]
        bid_id = row["fee_id"].removeprefix(SUCCESS) if row["kind"] == "success" else None
        award = awards.get(bid_id or "", {})
        row["bid_id"] = bid_id
        row["award_reference"] = award.get("contract_reference")
        row["award_organisation"] = award.get("organisation")
    return rows
