"""A consortium whose first member has a request to price, fees and an awarded contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import Formed, awarded_bid, form_consortium, request_quote
from tests.web.signin import sign_in


@dataclass
class MemberWorld:
    services: Services
    formed: Formed
    bid: UUID  # qualified; the first member is asked to price design
    awarded: UUID

    @property
    def mine(self) -> UUID:
        return self.formed.memberships[0]

    @property
    def theirs(self) -> UUID:
        return self.formed.memberships[1]

    def url(self, path: str = "", membership: UUID | None = None) -> str:
        return f"/workspace/member/{membership or self.mine}/{path}"

    def request_url(self, action: str, membership: UUID | None = None) -> str:
        return self.url(f"requests/{self.bid}/design/{action}", membership)

    def position(self) -> int:
        """Where the event log is: a refused form must leave it where it was."""
        return self.services.marketplace.recorder.max_notification_id() or 0


def member_world(services: Services) -> MemberWorld:
    app = services.marketplace
    formed = form_consortium(app)
    awarded = awarded_bid(app, formed)
    bid = request_quote(app, formed.consortium, organisation="Naviera Austral", country="CL")
    app.qualify_rfq(bid, "Fits our capacity.")
    app.request_contribution(bid, "design", formed.memberships[0],
                             app.clock.now().date() + timedelta(days=4))
    app.assess_fees(formed.consortium, "2025", app.clock.now().date() + timedelta(days=20))
    return MemberWorld(services, formed, bid, awarded)


def as_member(client: FlaskClient, world: MemberWorld) -> FlaskClient:
    sign_in(client, world.services, "member", str(world.mine))
    return client


def commit_form(**overrides: str) -> dict[str, str]:
    return {"seen": "requested", "price": "21500.50", "currency": "EUR",
            "lead_time_days": "45", **overrides}
