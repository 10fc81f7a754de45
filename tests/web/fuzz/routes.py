"""What the route fuzz sends: hostile path parts and query values, and where they go.

The routes come from the app's url_map. The query parameters each view reads are named in
QUERY_PARAMS; `read_in_source` finds every name the web layer reads from a query string,
so a test can say the table is complete.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote
from uuid import UUID

from flask import Flask
from werkzeug.routing import Rule
from werkzeug.routing.converters import IntegerConverter, UUIDConverter

from tests.web import matrix
from tests.web.authz import Tables, World

# Shapes that trip a parser or a store: numbers past every integer type, dates past the
# calendar, ids that are not ids, and text no one types.
NUMBERS = ["0", "-1", "2147483648", str(2**63 - 1), str(2**63), "1" + "0" * 30, "9" * 5000,
           "1e999", "²"]
DAYS = ["99999-01-01", "0000-00-00", "0001-01-01T00:00+01:00", "0001-01-01", "9999-12-31",
        "2025-02-30", "9999-12-31T23:59-01:00", "2025-13-01T25:61"]
WORDS = ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "ünïcødé ✓ \u202e𝔘", "a" * 3000,
         "..", "'; DROP TABLE events; --"]
# Each path part gets the numbers, the words and the days most likely to overflow; each
# query parameter gets everything, and a blank.
PATH_VALUES = NUMBERS + DAYS[:3] + WORDS
QUERY_VALUES = ["", *NUMBERS, *DAYS, *WORDS]
# A smaller set for PostgreSQL, which refuses out-of-range integers and dates where SQLite
# keeps them: the values most likely to reach a query as a number or a day.
STORE_VALUES = ["-1", "2147483648", str(2**63 - 1), str(2**63), "1" + "0" * 30,
                "99999-01-01", "0000-00-00", "0001-01-01T00:00+01:00", "not-a-uuid",
                "00000000-0000-0000-0000-000000000000"]

# endpoint -> the query parameters its view reads (besides the tables' own URL_ARGS).
QUERY_PARAMS: dict[str, tuple[str, ...]] = {
    "storefront.index": ("sector", "region", "stage", "q", "page"),
    "api.consortia": ("sector", "region", "stage", "q", "limit", "cursor"),
    "auth.login": ("next",),
    "signins.index": ("ended", "changed"),
    "language.switch": ("next",),
    "fees.ledger": ("period", "annual", "success"),
    "dashboard.overview": ("from", "to"),
    "dashboard.consortium": ("from", "to"),
    "dashboard.overall_download": ("from", "to"),
    "dashboard.consortium_download": ("from", "to"),
    "audit.log": ("actor", "consortium_id", "aggregate_type", "event_type", "since", "until",
                  "aggregate_id", "after", "before", "order", "size"),
    "audit.log_download": ("actor", "consortium_id", "aggregate_type", "event_type", "since",
                           "until", "aggregate_id", "order"),
    "audit.as_of": ("aggregate_id", "version", "moment", "q"),
    "audit.verify_history": ("expect",),
    "desk.index": ("show", "q", "country", "page", "quoted_page", "closed_page"),
    "desk.pipeline_download": ("show", "q", "country"),
    "member.space": ("page",),
    "member.commit": ("page",),
    "member.withdraw": ("page",),
    "desk.bid": ("invited",),
    "desk.quote": ("margin",),
    "desk.award": ("value", "edited", "reference"),
    "desk.rates": ("next",),
    "payments.paying": ("session_id",),
    "accounts.index": ("invited", "cleared", "signed_out"),
    "buyer.start": ("sent",),
    "auth.forgot_password": ("sent",),
    "agencies.agency_page": ("saved",),
}

WEB = Path(__file__).resolve().parents[3] / "web"
# request.args.get("x"), args.getlist("x"), args["x"], request.values.get("x"), and the
# names given to web/params.py's readers (params.whole_number("after", ...)) and to
# web/paging.py's (paging.asked("page")).
_READS = re.compile(r"""\b(?:args|request\.values)(?:\.get(?:list)?\(|\[)\s*["']([\w-]+)["']"""
                    r"""|(?:params\.\w+|paging\.asked)\(\s*["']([\w-]+)["']""")


def read_in_source() -> set[str]:
    """Every query parameter name the web layer's code and templates read."""
    names: set[str] = set()
    for path in [*WEB.rglob("*.py"), *WEB.rglob("*.html")]:
        for match in _READS.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    return names


def _placeholder(rule: Rule, name: str) -> object:
    converter = getattr(rule, "_converters", {}).get(name)
    if isinstance(converter, UUIDConverter):
        return UUID(int=0x5EED)
    if isinstance(converter, IntegerConverter):
        return 8675309
    return "fuzzplaceholder"


def path_with(rule: Rule, values: dict[str, object], name: str, hostile: str) -> str:
    """The rule's URL with the tables' values, and `hostile` (quoted) in place of `name`."""
    stand_in = _placeholder(rule, name)
    built = matrix.path_for(rule, {**values, name: stand_in})
    marker = str(stand_in)
    assert built.count(marker) == 1, built
    return built.replace(marker, quote(hostile, safe=""))


def routes(app: Flask) -> list[tuple[Rule, str]]:
    """Every rule and method of the url_map but static files, HEAD and OPTIONS."""
    return [(rule, method) for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
            if rule.endpoint != "static" for method in matrix.methods(rule)]


SIGNED_IN = ("officer", "manager", "member", "auditor")


def asker(tables: Tables, endpoint: str, method: str) -> str | None:
    """The first signed-in person the tables let through, or None if nobody is."""
    answers = tables.answers(endpoint, method) or {}
    return next((who for who in SIGNED_IN if answers.get(who) == "ok"), None)


def query_for(tables: Tables, world: World, rule: Rule, name: str, value: str) -> str:
    """The rule's URL, valid but for one query parameter."""
    values = tables.url_values(rule.endpoint, world)
    return matrix.path_for(rule, {**values, name: value})
