"""Tokens at rest: sealed with a key derived from the vault key, opened only with it."""

from __future__ import annotations

from domain.statuses import BID_TRANSITIONS, ENDED, BidStatus
from marketplace.memory_vault import MemoryVault
from marketplace.outbox.compose import letter
from marketplace.outbox.settings import MailSettings
from marketplace.outbox.texts import NO_LINK, NO_LINK_KEPT
from marketplace.sealing import (
    has_clear_token,
    seal,
    token_cipher,
    token_key,
    unseal,
    without_tokens,
)
from marketplace.vault import email_digest

KEY = b"a vault key of this deployment, long enough to matter"
TOKEN = "sTS144YJvBkoDD6_vXyT5Q1N3borI6I8DdDhdmBnze8"
RECORD = {"name": "Ingrid Berg", "email": "ingrid@fjord-yards.example", "token": TOKEN,
          "language": "de"}


def test_a_sealed_record_holds_no_token_and_opens_again_with_the_key() -> None:
    stored = seal(RECORD, token_cipher(KEY))
    assert set(stored) == {"name", "email", "language", "sealed_token"}
    assert TOKEN not in repr(stored) and not has_clear_token(stored)
    assert unseal(stored, token_cipher(KEY)) == RECORD


def test_another_vault_key_opens_nothing_and_the_record_still_reads() -> None:
    stored = seal(RECORD, token_cipher(KEY))
    assert unseal(stored, token_cipher(b"another deployment's key")) == {
        "name": "Ingrid Berg", "email": "ingrid@fjord-yards.example", "language": "de"}


def test_the_token_key_is_derived_for_its_purpose_only() -> None:
    # Neither the vault key nor the e-mail digests' HMAC can be read from it, or it from them.
    derived = token_key(KEY)
    assert derived != token_key(b"another deployment's key")
    assert KEY not in derived and email_digest("x@example.org", KEY).encode() != derived
    assert token_key(KEY) == derived  # the same key from the same environment


def test_destroyed_tokens_leave_the_rest_of_the_record() -> None:
    stored = seal({**RECORD, "invitation": TOKEN}, token_cipher(KEY))
    assert without_tokens(stored) == {"name": "Ingrid Berg",
                                      "email": "ingrid@fjord-yards.example", "language": "de"}
    vault = MemoryVault()
    ref = vault.keep(RECORD)
    assert vault.destroy_tokens(ref) and not vault.destroy_tokens(ref)
    assert vault.reveal(ref) == without_tokens(RECORD)


def test_an_rfq_ends_where_no_move_leads_out() -> None:
    assert set(ENDED) == {status for status in BidStatus if not BID_TRANSITIONS.get(status)}


def test_a_mail_without_its_token_says_where_the_link_is() -> None:
    person = {"name": "Ingrid Berg", "email": "ingrid@fjord-yards.example", "language": "de"}
    mail = letter("quote_ready", person, {"consortium": "Cantabria Metal"},
                  MailSettings(base_url="https://consortia.example"))
    assert "https://consortia.example" not in mail.body and NO_LINK["de"] in mail.body
    sent = letter("invitation", {**person, "language": "es"}, {}, MailSettings())
    assert "/password/set/" not in sent.body and NO_LINK_KEPT["es"] in sent.body
