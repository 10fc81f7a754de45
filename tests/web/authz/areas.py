"""The documents areas: a membership's is read by its company's member users, its
consortium's manager, officers and auditors, and written by the member users and officers;
a consortium's is read by its manager, officers and auditors, written by the manager and
officers. Another company's member user and another consortium's manager get 403."""

from __future__ import annotations

import io

from tests import documents
from tests.web.authz import ELSEWHERE, World, signed_in


def setup(world: World) -> None:
    """A file in each area."""
    app = world.services.marketplace
    world.extra["member_document"] = app.upload_area_document(
        "membership", world.membership, ("c.pdf", io.BytesIO(documents.PDF)),
        kind="contract", title="Supply contract")
    world.extra["consortium_document"] = app.upload_area_document(
        "consortium", world.consortium, ("m.pdf", io.BytesIO(documents.PDF)),
        kind="minutes", title="Minutes")


_MEMBER_READ = signed_in("member", "manager", "officer", "auditor", member_other="403",
                         manager_other="403", **ELSEWHERE)
_MEMBER_WRITE = signed_in("member", "officer", member_other="403", manager_other="403", **ELSEWHERE)
_CONSORTIUM_READ = signed_in("manager", "officer", "auditor", manager_other="403",
                             member_other="403", **ELSEWHERE)
_CONSORTIUM_WRITE = signed_in("manager", "officer", manager_other="403", member_other="403",
                              **ELSEWHERE)

EXPECTED = {
    "member.documents_area": _MEMBER_READ,
    "member.document": _MEMBER_READ,
    "member.upload_document": _MEMBER_WRITE,
    "member.remove_document": _MEMBER_WRITE,
    "desk.consortium_documents": _CONSORTIUM_READ,
    "desk.consortium_document": _CONSORTIUM_READ,
    "desk.consortium_minutes_document": _CONSORTIUM_READ,
    "desk.upload_consortium_document": _CONSORTIUM_WRITE,
    "desk.remove_consortium_document": _CONSORTIUM_WRITE,
}

_MEMBERSHIP = {"membership_id": lambda w: w.membership}
_CONSORTIUM = {"consortium_id": lambda w: w.consortium}

URL_ARGS = {
    "member.documents_area": _MEMBERSHIP,
    "member.document": {**_MEMBERSHIP, "document_id": lambda w: w.extra["member_document"]},
    "member.upload_document": _MEMBERSHIP,
    "member.remove_document": {**_MEMBERSHIP,
                               "document_id": lambda w: w.extra["member_document"]},
    "desk.consortium_documents": _CONSORTIUM,
    "desk.consortium_document": {**_CONSORTIUM,
                                 "document_id": lambda w: w.extra["consortium_document"]},
    "desk.upload_consortium_document": _CONSORTIUM,
    # Minutes no meeting has: the route is reached (404 past access control).
    "desk.consortium_minutes_document": {**_CONSORTIUM, "meeting_id": "stand-in",
                                         "sha256": "0" * 64},
    "desk.remove_consortium_document": {
        **_CONSORTIUM, "document_id": lambda w: w.extra["consortium_document"]},
}
