"""Each member user's chosen mails, for the preferences page and whoever sends the mails."""

from __future__ import annotations

from typing import Any

from domain.mail_preferences import MAIL_KINDS, MailPreferences
from marketplace.projection.batch import Batch, on
from marketplace.projection.tables import mail_preferences


def chosen(batch: Batch, event: Any) -> None:
    batch[mail_preferences].add(account_id=str(event.account_id), wanted=list(event.wanted),
                                version=event.originator_version)


def _change(batch: Batch, event: Any, wanted: list[str]) -> None:
    batch[mail_preferences].update(str(event.account_id), wanted=wanted,
                                   version=event.originator_version)


def opted_in(batch: Batch, event: Any) -> None:
    row = batch[mail_preferences].get(str(event.account_id))
    before = row["wanted"] if row else []
    _change(batch, event, [k for k in MAIL_KINDS if k in before or k == event.kind])


def opted_out(batch: Batch, event: Any) -> None:
    row = batch[mail_preferences].get(str(event.account_id))
    _change(batch, event, [k for k in (row["wanted"] if row else []) if k != event.kind])


HANDLERS = on(MailPreferences, {"Chosen": chosen, "OptedIn": opted_in, "OptedOut": opted_out})
