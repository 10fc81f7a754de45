"""Mails read well in every language, carry one link, and name the SMTP server as configured."""

from __future__ import annotations

import smtplib
from string import Formatter

import pytest

from marketplace.errors import ConfigurationError
from marketplace.outbox import LocalTransport, MailSettings, SmtpTransport
from marketplace.outbox.compose import letter, message, message_id
from marketplace.outbox.kinds import KINDS
from marketplace.outbox.sender import reason
from marketplace.outbox.texts import TEXTS
from marketplace.outbox.transports import transport_for
from marketplace.people import LANGUAGES
from tests.conftest import START

PERSON = {"name": "Ingrid Berg", "email": "ingrid@fjord-yards.example",
          "token": "t" * 43, "language": "fr"}
FACTS = {"consortium": "Cantabria Metal"}
BUYER_KINDS = ("rfq_received", "quote_ready")  # tests/unit/test_step_texts.py: the others


def test_every_kind_has_its_words_in_every_language() -> None:
    assert set(TEXTS) == {kind.name for kind in KINDS}
    for kind, languages in TEXTS.items():
        assert set(languages) == set(LANGUAGES), kind
        for subject, body in languages.values():
            subject_fields = {f for _, f, _, _ in Formatter().parse(subject) if f}
            body_fields = {f for _, f, _, _ in Formatter().parse(body) if f}
            # The buyer's mails say only who writes; the workspace's notices carry their
            # facts too (tests/unit/test_notice_texts.py checks those against the kinds).
            assert {"name", "link"} <= body_fields and subject_fields <= body_fields, kind
            if kind in BUYER_KINDS:
                # The quote's mail also says its price and validity (quote_texts.py).
                extra = {"quote_terms"} if kind == "quote_ready" else set()
                assert (subject_fields, body_fields) == (
                    {"consortium"}, {"name", "link", "consortium", *extra}), kind
        assert len({subject for subject, _ in languages.values()}) == len(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mail_links_to_the_tracking_page_in_the_buyer_s_language(language: str) -> None:
    settings = MailSettings(base_url="https://consortia.example")
    mail = letter("quote_ready", {**PERSON, "language": language}, FACTS, settings)
    assert mail.subject == TEXTS["quote_ready"][language][0].format(**FACTS)
    assert mail.body.count("https://consortia.example/rfq/" + "t" * 43) == 1
    assert "Ingrid Berg" in mail.body
    assert mail.to_address == "ingrid@fjord-yards.example"


def test_braces_in_a_name_are_written_not_read() -> None:
    mail = letter("rfq_received", {**PERSON, "name": "{link} {consortium}"}, FACTS,
                  MailSettings())
    assert "{link} {consortium}" in mail.body


def test_the_message_carries_sender_recipient_and_a_stable_id() -> None:
    settings = MailSettings(mail_from="Cantabria <mail@consortia.example>")
    mail = letter("rfq_received", PERSON, FACTS, settings)
    msg = message(mail, "bid:1:rfq_received:ref", settings, START)
    assert msg["From"] == "Cantabria <mail@consortia.example>"
    assert msg["To"].addresses[0].addr_spec == "ingrid@fjord-yards.example"
    assert msg["Message-ID"] == message_id("bid:1:rfq_received:ref", settings)
    assert msg["Message-ID"].endswith("@consortia.example>")
    assert message_id("bid:2:rfq_received:ref", settings) != msg["Message-ID"]


def test_smtp_urls_are_read_with_their_security_and_login() -> None:
    plain = SmtpTransport("smtp://127.0.0.1:2525")
    assert (plain.scheme, plain.host, plain.port, plain.user) == ("smtp", "127.0.0.1", 2525, None)
    tls = SmtpTransport("smtp+starttls://mailer:p%40ss@mail.example")
    assert (tls.port, tls.user, tls.password) == (587, "mailer", "p@ss")
    assert SmtpTransport("smtps://mail.example").port == 465
    with pytest.raises(ConfigurationError):
        SmtpTransport("http://mail.example")
    assert isinstance(transport_for(MailSettings()), LocalTransport)
    assert isinstance(transport_for(MailSettings(smtp_url="smtp://h:25")), SmtpTransport)


def test_a_failure_s_reason_keeps_no_address() -> None:
    error = smtplib.SMTPRecipientsRefused({"ingrid@fjord-yards.example": (550, b"no")})
    assert "@" not in reason(error)
    assert reason(error).startswith("SMTPRecipientsRefused")
