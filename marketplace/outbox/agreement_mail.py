"""The mail to a member's users when a new version of the rules awaits their signature.

Sent on each `RulesAdopted` to the people acting for every member company (joined or
suspended) of the consortium, in each one's language; it links to the agreement page of
their company. It cannot be switched off: the rules bind the company once signed.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select

from domain.consortium import Consortium
from domain.statuses import MEMBER
from marketplace.membership.readmodel import members
from marketplace.outbox.audience import role_holders
from marketplace.outbox.kind import MailContext, MailKind

KIND = "agreement_to_sign"


def _member_users(event: Any, ctx: MailContext) -> list[tuple[UUID, dict[str, str]]]:
    with ctx.engine.connect() as conn:
        memberships = conn.execute(
            select(members.c.membership_id)
            .where(members.c.consortium_id == str(event.originator_id),
                   members.c.status.in_([str(s) for s in MEMBER]))
            .order_by(members.c.membership_id)).scalars().all()
    addressed: dict[UUID, dict[str, str]] = {}
    for membership_id in memberships:
        for person in role_holders(ctx.engine, "member", membership_id):
            # One mail per person and version: someone acting for two companies is sent
            # to the first's page; the member home lists both.
            addressed.setdefault(person, {"membership": str(membership_id)})
    return list(addressed.items())


def _facts(event: Any, ctx: MailContext) -> dict[str, str]:
    return {"consortium": ctx.app.consortium_name(event.originator_id),
            "version": str(event.version)}


def _agreement_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    return f"/workspace/member/{facts['membership']}/agreement"


AGREEMENT_TO_SIGN = MailKind(KIND, Consortium.RulesAdopted, _member_users, _facts,
                             _agreement_path)

AGREEMENT_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    KIND: {
        "en": ("{consortium}: version {version} of the rules awaits your signature",
               "Dear {name},\n\n"
               "{consortium} has adopted version {version} of its rules. Your company's "
               "member agreement must be signed again for this version. Read it and sign "
               "it here:\n\n{link}\n"),
        "es": ("{consortium}: la versión {version} de las reglas espera su firma",
               "Estimado/a {name}:\n\n"
               "{consortium} ha adoptado la versión {version} de sus reglas. El acuerdo de "
               "miembro de su empresa debe firmarse de nuevo para esta versión. Léalo y "
               "fírmelo aquí:\n\n{link}\n"),
        "fr": ("{consortium} : la version {version} des règles attend votre signature",
               "Bonjour {name},\n\n"
               "{consortium} a adopté la version {version} de ses règles. L'accord de membre "
               "de votre entreprise doit être signé à nouveau pour cette version. Lisez-le "
               "et signez-le ici :\n\n{link}\n"),
        "de": ("{consortium}: Version {version} der Regeln wartet auf Ihre Unterschrift",
               "Guten Tag {name},\n\n"
               "{consortium} hat Version {version} seiner Regeln beschlossen. Die "
               "Mitgliedsvereinbarung Ihres Unternehmens muss für diese Version neu "
               "unterschrieben werden. Lesen und unterschreiben Sie sie hier:\n\n{link}\n"),
    },
}
