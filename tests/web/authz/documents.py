"""Who opens an RFQ's files and who attaches them: the buyer by the private link (and the
API by it as a bearer token), the manager, the members asked to price, officers and auditors;
a member of the same consortium who was not asked, or another consortium's manager, gets 403."""

from __future__ import annotations

import io

from tests import documents
from tests.web.authz import ELSEWHERE, World, everyone, signed_in


def setup(world: World) -> None:
    """A drawing on the RFQ no member was asked to price yet."""
    [found] = world.services.marketplace.attach_to_rfq(
        world.rfq, [("drawing.pdf", io.BytesIO(documents.PDF))])
    world.extra["document"] = found


EXPECTED = {
    "rfq.document": everyone(),
    "rfq.attach_more": everyone(auditor="403"),
    # Public as the rest of the API; the bearer token decides (401 or 404 without it).
    "api.upload_documents": everyone(auditor="403"),
    "desk.document": signed_in("officer", "manager", "auditor", manager_other="403",
                               member_other="403", **ELSEWHERE),
    "desk.attach_documents": signed_in("manager", manager_other="403"),
}

URL_ARGS = {
    "rfq.document": {"token": lambda w: w.token, "document_id": lambda w: w.extra["document"]},
    "api.upload_documents": {"rfq": lambda w: w.token},
    "rfq.attach_more": {"token": lambda w: w.token},
    "desk.document": {"bid_id": lambda w: w.rfq, "document_id": lambda w: w.extra["document"]},
    "desk.attach_documents": {"bid_id": lambda w: w.qualified},
}
