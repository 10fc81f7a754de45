"""The member agreement signed in the product: each version of the rules is a document
with its hash; a member user signs it; a new version asks every member to sign again."""

from __future__ import annotations

from uuid import UUID

import pytest
from sqlalchemy import select

from domain.agreements import agreement_text, sha256
from domain.errors import (
    AgreementAlreadySignedError,
    AgreementSupersededError,
    AgreementTextMismatchError,
    InvalidValueError,
    MemberNotActiveError,
)
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.membership import agreement_queries as q
from marketplace.outbox.compose import letter
from marketplace.outbox.settings import MailSettings
from marketplace.outbox.tables import mail_outbox
from tests.story import Formed, form_consortium, rules


def _member(app: Marketplace, formed: Formed, n: int = 0, language: str = "en"
            ) -> tuple[UUID, UUID]:
    """A member user of the n-th company: their account and vault reference."""
    if language != "en":  # an invited person keeps their language for the mails
        account = app.invite_account(name=f"Member {n}", email=f"member{n}@example.org",
                                     grants=[("member", str(formed.memberships[n]))],
                                     language=language)
    else:
        account = app.open_account(name=f"Member {n}", email=f"member{n}@example.org",
                                   password="correct horse battery",
                                   grants=[("member", str(formed.memberships[n]))])
    return account, app.get_account(account).person


def _in_force(app: Marketplace, formed: Formed) -> tuple[int, str]:
    found = app.get_consortium(formed.consortium).agreement()
    assert found is not None
    return found[0], sha256(found[1])


def _sign(app: Marketplace, formed: Formed, account: UUID, n: int = 0,
          version: int | None = None, digest: str | None = None, name: str = "Ines Vega"
          ) -> None:
    current, current_sha = _in_force(app, formed)
    app.sign_agreement(formed.memberships[n], account_id=account, name=name,
                       email=f"member{n}@example.org",
                       version=current if version is None else version,
                       agreement_sha256=current_sha if digest is None else digest)


def test_the_rules_and_the_agreement_are_texts_whose_hashes_the_event_records(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    consortium = app.get_consortium(formed.consortium)
    [adopted] = [e for e in app.history(formed.consortium) if e["type"].endswith("RulesAdopted")]
    text = agreement_text(consortium.name, consortium.slug, rules(), 1)
    assert "annual_fees: founding EUR 3600.00; standard EUR 2400.00" in text
    assert "success_fee_percent: 1.5" in text
    assert adopted["data"]["agreement_sha256"] == sha256(text)
    row = q.agreement(services.engine, formed.consortium)
    assert row is not None and row["version"] == 1 and row["text"] == text
    assert row["agreement_sha256"] == sha256(text)


def test_a_member_user_signs_and_the_event_records_who_when_which_version_and_text(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    account, _ref = _member(app, formed)

    _sign(app, formed, account)

    [signed] = [e for e in app.history(formed.memberships[0])
                if e["type"].endswith("AgreementSigned")]
    _version, digest = _in_force(app, formed)
    assert signed["data"]["rules_version"] == 1
    assert signed["data"]["agreement_sha256"] == digest
    assert signed["data"]["account_id"] == account
    # The name typed is in the vault, never in the event.
    assert "Ines Vega" not in str(signed)
    row = q.signature_of(services.engine, app.vault, formed.memberships[0], 1)
    assert row is not None and row["name"] == "Ines Vega"
    assert row["account_id"] == str(account) and row["signed_at"] is not None
    status = {r["membership_id"]: r for r in
              q.signing_status(services.engine, app.vault, formed.consortium, 1)}
    assert status[str(formed.memberships[0])]["name"] == "Ines Vega"
    assert status[str(formed.memberships[1])]["signed_at"] is None


@pytest.mark.parametrize(("change", "error"), [
    ({"version": 2}, AgreementSupersededError),
    ({"digest": "0" * 64}, AgreementTextMismatchError),
    ({"name": "   "}, InvalidValueError),
])
def test_a_signature_of_anything_but_the_text_in_force_is_refused_and_records_nothing(
        services: Services, change: dict, error: type) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    account, _ref = _member(app, formed)
    before = app.get_membership(formed.memberships[0]).version

    with pytest.raises(error):
        _sign(app, formed, account, **change)

    assert app.get_membership(formed.memberships[0]).version == before


def test_a_version_is_signed_once_and_only_by_a_member(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    account, _ref = _member(app, formed)
    _sign(app, formed, account)
    with pytest.raises(AgreementAlreadySignedError):
        _sign(app, formed, account)
    app.leave_consortium(formed.memberships[1], "no longer exporting")
    other, _ = _member(app, formed, 1)
    with pytest.raises(MemberNotActiveError):
        _sign(app, formed, other, n=1)


def test_new_rules_ask_every_member_to_sign_again_and_mail_their_users(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    first, first_ref = _member(app, formed, 0, language="es")
    _second, second_ref = _member(app, formed, 1, language="de")
    _sign(app, formed, first)

    app.adopt_rules(formed.consortium, rules(quote_response_days=7))

    assert _in_force(app, formed)[0] == 2
    status = q.signing_status(services.engine, app.vault, formed.consortium, 2)
    assert [r["signed_at"] for r in status] == [None, None, None]
    with services.engine.connect() as conn:
        mails = conn.execute(select(mail_outbox)
                             .where(mail_outbox.c.kind == "agreement_to_sign")).all()
    assert sorted(m.recipient_ref for m in mails) == sorted([str(first_ref), str(second_ref)])
    facts = {m.recipient_ref: m.facts for m in mails}
    assert facts[str(first_ref)] == {"consortium": "Metal Export Consortium", "version": "2",
                                     "membership": str(formed.memberships[0])}
    spanish = letter("agreement_to_sign", app.vault.reveal(first_ref) or {},
                     facts[str(first_ref)], MailSettings(base_url="https://x.example"))
    assert spanish.subject == ("Metal Export Consortium: la versión 2 de las reglas espera "
                               "su firma")
    assert (f"https://x.example/workspace/member/{formed.memberships[0]}/agreement\n"
            in spanish.body)
    _sign(app, formed, first)
    assert q.signature_of(services.engine, app.vault, formed.memberships[0], 2) is not None
    assert [r["version"] for r in q.signed_versions(services.engine, formed.memberships[0])] \
        == [2, 1]


def test_the_free_text_agreement_of_a_join_still_loads(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    assert app.get_membership(formed.memberships[0]).agreement
    assert app.get_membership(formed.memberships[0]).signed_versions() == {}


def test_erasing_the_signer_erases_the_name_typed_and_keeps_the_signature(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    account, _ref = _member(app, formed)
    _sign(app, formed, account)

    app.erase_personal_data("member0@example.org", "asked to be forgotten")

    row = q.signature_of(services.engine, app.vault, formed.memberships[0], 1)
    assert row is not None and row["name"] is None  # shown as "erased person"
    assert row["account_id"] == str(account)
