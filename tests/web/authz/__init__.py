"""The authorization matrix's tables: every area's module here, merged (see README.md)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from uuid import UUID

from domain.values import Sector
from marketplace.application import Marketplace
from marketplace.bidding.tokens import new_token
from marketplace.bootstrap import Services
from tests.story import (
    Formed,
    awarded_bid,
    form_consortium,
    quoted_bid,
    register_agency,
    request_quote,
)

ROLES = ("officer", "manager", "member", "auditor")
# An officer and an auditor of the world's second agency (IDEPA, Asturias): every table
# answers for them too. By default they get what the first agency's officer and auditor
# get; a route about the first agency's records says ELSEWHERE.
OTHER_AGENCY = ("officer_other", "auditor_other")
WHO = ("anonymous", *ROLES, *OTHER_AGENCY)  # every table answers for these
ELSEWHERE = {"officer_other": "403", "auditor_other": "403"}
# Checked where a table names them; a buyer (signed in by a mailed link) is also checked
# against every route by tests/web/test_authz_matrix.py: the buyer's and public ones only.
OTHERS = ("manager_other", "member_other", "buyer")
ANSWERS = frozenset({"ok", "403", "login"})
METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})

Answers = dict[str, str]
# Who offers which stage in tests/story.py form_consortium: memberships[0], [1], [2].
STAGE_OWNERS = {"design": 0, "engineering": 0, "manufacturing": 1, "logistics": 2,
                "installation": 2}


@dataclass
class World:
    """What the URLs point at: real consortia, memberships and bids (README.md)."""

    services: Services
    formed: Formed
    other: Formed
    proposed: UUID
    slug: str
    other_slug: str
    proposed_slug: str
    rfq: UUID
    token: str
    qualified: UUID
    quoted: UUID
    awarded: UUID
    other_rfq: UUID
    agency: UUID  # SODERCAN (Cantabria): every consortium above is of it
    far_agency: UUID  # IDEPA (Asturias), with a consortium of its own
    far: UUID
    far_slug: str
    accounts: dict[str, UUID] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def consortium(self) -> UUID:
        return self.formed.consortium

    @property
    def membership(self) -> UUID:
        return self.formed.memberships[0]

    @property
    def company(self) -> UUID:
        return self.formed.companies[0]

    @property
    def other_membership(self) -> UUID:
        return self.formed.memberships[1]

    @property
    def other_company(self) -> UUID:
        return self.formed.companies[1]


def signed_in(*roles: str, **others: str) -> Answers:
    """Sign-in first; then ok for these roles, 403 for the others."""
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"not roles: {sorted(unknown)}"
    answers = {"anonymous": "login", **{r: "ok" if r in roles else "403" for r in ROLES}}
    return {**answers, "officer_other": answers["officer"],
            "auditor_other": answers["auditor"], **others}


def everyone(**exceptions: str) -> Answers:
    """Open to all, signed in or not, except as stated."""
    answers = {who: "ok" for who in WHO} | exceptions
    for role in ("officer", "auditor"):  # the second agency's as the first's, unless stated
        if role in exceptions and f"{role}_other" not in exceptions:
            answers[f"{role}_other"] = exceptions[role]
    return answers


@dataclass
class Tables:
    """Every module's tables, merged."""

    expected: dict[str, Any] = field(default_factory=dict)
    url_args: dict[str, Any] = field(default_factory=dict)
    ends_session: set[str] = field(default_factory=set)
    setups: list[Callable[[World], None]] = field(default_factory=list)
    owner: dict[str, str] = field(default_factory=dict)

    def answers(self, endpoint: str, method: str) -> Answers | None:
        """Who gets which answer for one method of the endpoint; None if not stated."""
        entry = self.expected.get(endpoint)
        if entry is None:
            return None
        if set(entry) <= METHODS:
            return entry.get(method)
        return entry

    def url_values(self, endpoint: str, world: World) -> dict[str, Any]:
        """The URL's variables for this endpoint, resolved against the world."""
        args = self.url_args.get(endpoint, {})
        if callable(args):
            return dict(args(world))
        return {name: value(world) if callable(value) else value
                for name, value in args.items()}


def load() -> Tables:
    """Import every table module of this package and merge them; duplicates are errors."""
    tables = Tables()
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for endpoint, entry in getattr(module, "EXPECTED", {}).items():
            assert endpoint not in tables.expected, \
                f"{endpoint} is in both {tables.owner[endpoint]} and {info.name}"
            tables.expected[endpoint] = entry
            tables.owner[endpoint] = info.name
        tables.url_args.update(getattr(module, "URL_ARGS", {}))
        tables.ends_session |= set(getattr(module, "ENDS_SESSION", ()))
        if hasattr(module, "setup"):
            tables.setups.append(module.setup)
    return tables


def problems(tables: Tables) -> list[str]:
    """What is wrong in the tables' shape: unknown people, answers or methods, gaps."""
    found = []
    for endpoint, entry in tables.expected.items():
        per_method: Mapping[str, Any] = entry if set(entry) <= METHODS else {"*": entry}
        for method, answers in per_method.items():
            where = f"{endpoint} {method}"
            if not isinstance(answers, Mapping):
                found.append(f"{where}: not a mapping of who to answer")
                continue
            found += [f"{where}: no answer for {who}" for who in WHO if who not in answers]
            found += [f"{where}: unknown who {who!r}" for who in answers
                      if who not in WHO + OTHERS]
            found += [f"{where}: {who} answer {a!r} is not one of {sorted(ANSWERS)}"
                      for who, a in answers.items() if a not in ANSWERS]
    return found


def _asking_every_member(app: Marketplace, formed: Formed) -> UUID:
    """A qualified bid whose stages are each asked of a member, none committed yet."""
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date() + timedelta(days=3)
    for stage, n in STAGE_OWNERS.items():
        app.request_contribution(bid, stage, formed.memberships[n], due)
    return bid


def build_world(services: Services, tables: Tables) -> World:
    """Two published consortia, one proposed, bids in four states; then the areas' setups."""
    app = services.marketplace
    agency = register_agency(app, "SODERCAN", "ES-CB")
    far_agency = register_agency(app, "IDEPA", "ES-AS")
    far = app.propose_consortium(slug="asturias-wood", name="Asturias Wood Export Consortium",
                                 agency="IDEPA", region="ES-AS",
                                 sector=Sector("16", "Manufacture of wood"))
    formed = form_consortium(app, slug="metal")
    other = form_consortium(app, slug="marine")
    proposed = app.propose_consortium(slug="agrifood", name="Agrifood Export Consortium",
                                      agency="SODERCAN", region="ES-CB",
                                      sector=Sector("10", "Manufacture of food products"))
    token = new_token()
    world = World(
        services=services, formed=formed, other=other, proposed=proposed, slug="metal",
        other_slug="marine", proposed_slug="agrifood",
        rfq=request_quote(app, formed.consortium, tracking_token=token),
        token=token, qualified=_asking_every_member(app, formed), quoted=quoted_bid(app, formed),
        awarded=awarded_bid(app, formed), other_rfq=request_quote(app, other.consortium),
        agency=agency, far_agency=far_agency, far=far, far_slug="asturias-wood")
    for setup in tables.setups:
        setup(world)
    return world

