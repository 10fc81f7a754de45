"""The member agreement of each version of the rules, and who signed which.

`rm_agreements` keeps each version's agreement text and its hashes, made again from the
`RulesAdopted` event (domain/agreements.py); `rm_agreement_signatures` each signature:
which company, version and text, from which account, when. The name typed stays in the
vault (`signatory` is its reference).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from domain.agreements import agreement_text, rules_text, sha256
from domain.consortium import Consortium
from domain.membership import Membership
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata
from marketplace.storefront import readmodel as catalog_model
from marketplace.storefront.readmodel import catalog

agreements = Table(
    "rm_agreements", metadata,
    ident("consortium_id", primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("rules_sha256", String(64), nullable=False),
    Column("agreement_sha256", String(64), nullable=False),
    Column("adopted_at", UtcDateTime, nullable=False),
)

signatures = Table(
    "rm_agreement_signatures", metadata,
    ident("membership_id", primary_key=True),
    Column("version", Integer, primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("agreement_sha256", String(64), nullable=False),
    ident("account_id", nullable=False),
    ident("signatory", nullable=False),  # the vault's reference of the name typed
    Column("signed_at", UtcDateTime, nullable=False),
)

# The consortium's name and short name come from the catalog's row: it runs first.
AFTER = (catalog_model,)


def rules_adopted(batch: Batch, event: Consortium.RulesAdopted) -> None:
    consortium_id = str(event.originator_id)
    row = batch[catalog].get(consortium_id)
    name, slug = (row["name"], row["slug"]) if row else ("", "")
    text = agreement_text(name, slug, event.rules, event.version)
    # Rules adopted before agreements were signed recorded no hash: the text gives it.
    batch[agreements].add(
        consortium_id=consortium_id, version=event.version, text=text,
        rules_sha256=event.rules_sha256 or sha256(rules_text(event.rules, event.version)),
        agreement_sha256=event.agreement_sha256 or sha256(text),
        adopted_at=event.timestamp)


def agreement_signed(batch: Batch, event: Membership.AgreementSigned) -> None:
    consortium_id = batch.membership(event.originator_id)[0]
    batch[signatures].add(
        membership_id=str(event.originator_id), version=event.rules_version,
        consortium_id=consortium_id, agreement_sha256=event.agreement_sha256,
        account_id=str(event.account_id), signatory=str(event.signatory),
        signed_at=event.timestamp)


HANDLERS: Handlers = {
    Consortium.RulesAdopted: rules_adopted,
    Membership.AgreementSigned: agreement_signed,
}
