"""Each member user's chosen mails, for the preferences page and whoever sends the mails."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, Table

from domain.mail_preferences import FIRST_KINDS, MAIL_KINDS, MailPreferences, with_unoffered
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import ident, metadata

# The mails each member user chose; an account without a row gets every kind.
mail_preferences = Table(
    "rm_mail_preferences", metadata,
    ident("account_id", primary_key=True),
    # What the person gets: the kinds chosen, and those added since they chose.
    Column("wanted", JSON, nullable=False),
    Column("offered", JSON, nullable=True),  # the kinds offered at the first choice
    Column("version", Integer, nullable=False),  # the aggregate's, for stale forms
)


def chosen(batch: Batch, event: MailPreferences.Chosen) -> None:
    batch[mail_preferences].add(account_id=str(event.account_id),
                                wanted=with_unoffered(event.wanted, event.offered),
                                offered=list(event.offered or FIRST_KINDS),
                                version=event.originator_version)


def _change(batch: Batch, event: MailPreferences.OptedIn | MailPreferences.OptedOut,
            wanted: list[str]) -> None:
    batch[mail_preferences].update(str(event.account_id), wanted=wanted,
                                   version=event.originator_version)


def opted_in(batch: Batch, event: MailPreferences.OptedIn) -> None:
    row = batch[mail_preferences].get(str(event.account_id))
    before = row["wanted"] if row else []
    _change(batch, event, [k for k in MAIL_KINDS if k in before or k == event.kind])


def opted_out(batch: Batch, event: MailPreferences.OptedOut) -> None:
    row = batch[mail_preferences].get(str(event.account_id))
    _change(batch, event, [k for k in (row["wanted"] if row else []) if k != event.kind])


HANDLERS: Handlers = {
    MailPreferences.Chosen: chosen,
    MailPreferences.OptedIn: opted_in,
    MailPreferences.OptedOut: opted_out,
}
