"""The mails to a member's users when a fee is assessed and at each reminder of it.

Sent on `FeeAssessed` and on each `FeeReminderIssued` to the people acting for that
membership only, each in their language, linking to the fees of their member space where
they pay. A member user may switch them off on the mail page (the kind "fees").
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from babel.dates import format_date

from domain.membership import Membership, fee_due
from marketplace.moneyformat import format_money
from marketplace.outbox.audience import member_users
from marketplace.outbox.kind import MailContext, MailKind

ASSESSED = "fee_assessed"
REMINDER = "fee_reminder"
PREFERENCE = "fees"  # the member's choice that covers both (domain/mail_preferences.py)


def _members(event: Any, ctx: MailContext) -> list[UUID]:
    return member_users(ctx.engine, event.originator_id, PREFERENCE)


def _fee_facts(membership: Membership, fee_id: str) -> dict[str, str]:
    fee = membership.fees[fee_id]
    owed = fee_due(fee)
    return {"membership": str(membership.id), "fee": fee_id, "period": str(fee["period"]),
            "amount": str(owed.amount), "currency": owed.currency,
            "due_on": fee["due_on"].isoformat()}


def _assessed_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    membership = ctx.app.get_membership(event.originator_id)
    return {"consortium": ctx.app.consortium_name(membership.consortium_id),
            "membership": str(event.originator_id), "fee": event.fee_id,
            "period": str(event.period), "amount": str(event.amount.amount),
            "currency": event.amount.currency, "due_on": event.due_on.isoformat()}


def _reminder_facts(event: Any, ctx: MailContext) -> dict[str, str]:
    membership = ctx.app.get_membership(event.originator_id)
    return {"consortium": ctx.app.consortium_name(membership.consortium_id),
            **_fee_facts(membership, event.fee_id), "step": str(event.step),
            "final": "yes" if event.final else "", "days_overdue": str(event.days_overdue)}


def _fees_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    return f"/workspace/member/{facts['membership']}/#fees-h"


FEE_KINDS: tuple[MailKind, ...] = (
    MailKind(ASSESSED, Membership.FeeAssessed, _members, _assessed_facts, _fees_path),
    MailKind(REMINDER, Membership.FeeReminderIssued, _members, _reminder_facts, _fees_path),
)

# {overdue} is the sentence saying how late the fee is (or that it is the final reminder).
FEE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    ASSESSED: {
        "en": ("{consortium}: a fee of {amount} for {period}",
               "Dear {name},\n\n"
               "{consortium} has assessed your company's fee for {period}: {amount}, due on "
               "{due_on}.\n\nSee your fees and pay here:\n\n{link}\n"),
        "es": ("{consortium}: una cuota de {amount} para {period}",
               "Estimado/a {name}:\n\n"
               "{consortium} ha emitido la cuota de su empresa para {period}: {amount}, con "
               "vencimiento el {due_on}.\n\nConsulte sus cuotas y páguelas aquí:\n\n{link}\n"),
        "fr": ("{consortium} : une cotisation de {amount} pour {period}",
               "Bonjour {name},\n\n"
               "{consortium} a établi la cotisation de votre entreprise pour {period} : "
               "{amount}, à payer au plus tard le {due_on}.\n\n"
               "Consultez vos cotisations et payez ici :\n\n{link}\n"),
        "de": ("{consortium}: ein Beitrag von {amount} für {period}",
               "Guten Tag {name},\n\n"
               "{consortium} hat den Beitrag Ihres Unternehmens für {period} festgesetzt: "
               "{amount}, fällig am {due_on}.\n\n"
               "Hier sehen Sie Ihre Beiträge und zahlen sie:\n\n{link}\n"),
    },
    REMINDER: {
        "en": ("{consortium}: reminder, the fee for {period} is unpaid",
               "Dear {name},\n\n"
               "this is a reminder: your company's fee for {period} to {consortium}, "
               "{amount}, was due on {due_on} and is not paid. {overdue}\n\n"
               "See your fees and pay here:\n\n{link}\n"),
        "es": ("{consortium}: recordatorio, la cuota de {period} está pendiente",
               "Estimado/a {name}:\n\n"
               "le recordamos que la cuota de su empresa para {period} a {consortium}, "
               "{amount}, vencía el {due_on} y no está pagada. {overdue}\n\n"
               "Consulte sus cuotas y páguelas aquí:\n\n{link}\n"),
        "fr": ("{consortium} : rappel, la cotisation de {period} est impayée",
               "Bonjour {name},\n\n"
               "ceci est un rappel : la cotisation de votre entreprise pour {period} à "
               "{consortium}, {amount}, était due le {due_on} et n'est pas payée. "
               "{overdue}\n\nConsultez vos cotisations et payez ici :\n\n{link}\n"),
        "de": ("{consortium}: Erinnerung, der Beitrag für {period} ist offen",
               "Guten Tag {name},\n\n"
               "dies ist eine Erinnerung: Der Beitrag Ihres Unternehmens für {period} an "
               "{consortium}, {amount}, war am {due_on} fällig und ist nicht bezahlt. "
               "{overdue}\n\nHier sehen Sie Ihre Beiträge und zahlen sie:\n\n{link}\n"),
    },
}

_OVERDUE = {
    "en": "It is overdue by {days} days.",
    "es": "Lleva {days} días de retraso.",
    "fr": "Elle est en retard de {days} jours.",
    "de": "Er ist seit {days} Tagen überfällig.",
}
_OVERDUE_ONE = {
    "en": "It is overdue by one day.",
    "es": "Lleva un día de retraso.",
    "fr": "Elle est en retard d'un jour.",
    "de": "Er ist seit einem Tag überfällig.",
}
_NOT_YET = {
    "en": "It is not overdue yet.",
    "es": "Todavía no está vencida.",
    "fr": "Elle n'est pas encore en retard.",
    "de": "Er ist noch nicht überfällig.",
}
_FINAL = {
    "en": "This is the final reminder.",
    "es": "Este es el último recordatorio.",
    "fr": "Ceci est le dernier rappel.",
    "de": "Dies ist die letzte Erinnerung.",
}


def fee_values(language: str, values: dict[str, str]) -> dict[str, str]:
    """The amount and due date written in the reader's language, and how late the fee is."""
    found = dict(values)
    found["amount"] = format_money(values["amount"], values["currency"], language)
    found["due_on"] = format_date(date.fromisoformat(values["due_on"]), "long",
                                  locale=language)
    days = int(values.get("days_overdue") or 0)
    late = (_NOT_YET if days < 1 else _OVERDUE_ONE if days == 1 else _OVERDUE)[language]
    late = late.format(days=days)
    found["overdue"] = f"{late} {_FINAL[language]}" if values.get("final") else late
    return found
