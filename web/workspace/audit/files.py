"""The verify check's recorded files, as its page shows them.

The check (marketplace/audit/runner.py) keeps the first damaged files it found, each with
where it belongs: an RFQ, a quote, a consortium's or a membership's documents area, or a
meeting's minutes. A reader of one agency sees those of its own records; the others are
only counted, as are those beyond the ones kept.
"""

from __future__ import annotations

from typing import Any

from marketplace.audit.queries import record_consortia
from web.extensions import services
from web.translating import lazy_gettext as _l
from web.workspace.audit import access

PLACES = {"rfq": _l("RFQ"), "quote": _l("Quote"), "consortium": _l("Consortium documents"),
          "membership": _l("Membership documents"), "minutes": _l("Meeting minutes")}
DAMAGES = {"missing": _l("missing"), "altered": _l("altered")}


def shown_files(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The check's files for this reader: how many were checked and damaged, the damaged
    ones listed, and how many more are not; None for a check that read no files (one
    asked for before files were checked, or not finished)."""
    files = (result or {}).get("files")
    if not isinstance(files, dict):
        return None
    damaged = [dict(problem, place_label=PLACES.get(problem["place"], problem["place"]),
                    kind_label=DAMAGES.get(problem["kind"], problem["kind"]))
               for problem in files.get("damaged", [])]
    within = access.scope()
    if within is not None and damaged:
        places = record_consortia(services().engine, {p["record_id"] for p in damaged})
        damaged = [p for p in damaged if within.holds(p["record_id"], places.get(p["record_id"]))]
    return {"checked": files.get("checked", 0), "damaged_count": files.get("damaged_count", 0),
            "damaged": damaged, "not_listed": files.get("damaged_count", 0) - len(damaged)}
