"""The capability x stage matrix as heat: how many firms cover each stage, and the gaps."""

from __future__ import annotations

from typing import Any

LEVELS = 4  # heat-0 (nobody) to heat-4 (the most firms of any stage)


def level(count: int, most: int) -> int:
    """A heat level 0-4 for `count` firms, relative to the best-covered stage."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(LEVELS, round(LEVELS * count / most)))


def build(matrix: dict[str, Any]) -> dict[str, Any]:
    """Rows per firm, a totals row per stage, and the stages no joined member covers."""
    stages: list[str] = matrix["stages"]
    joined = {stage: 0 for stage in stages}
    prospects = {stage: 0 for stage in stages}
    rows = []
    for member in matrix["members"]:
        is_member = member["status"] != "invited"
        for stage in member["stages"]:
            (joined if is_member else prospects)[stage] += 1
        rows.append({"name": member["company_name"], "status": member["status"],
                     "cells": [{"stage": s, "covered": s in member["stages"],
                                "joined": is_member} for s in stages]})
    most = max(joined.values(), default=0)
    totals = [{"stage": s, "joined": joined[s], "prospects": prospects[s],
               "level": level(joined[s], most), "gap": s in matrix["gaps"]} for s in stages]
    return {"stages": stages, "rows": rows, "totals": totals, "gaps": list(matrix["gaps"])}
