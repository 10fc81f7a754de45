"""The mails at each step someone waits on read well in every language, with their facts."""

from __future__ import annotations

from string import Formatter

import pytest

from marketplace.outbox import MailSettings
from marketplace.outbox.compose import letter
from marketplace.outbox.step_texts import STEP_TEXTS
from marketplace.people import LANGUAGES

BID = "5d1c0a5e-0000-4000-8000-000000000001"
PRICE = {"price_amount": "440000.00", "price_currency": "EUR"}
# The facts each kind's rows carry (tests/integration/test_step_mails.py checks them).
FACTS: dict[str, dict[str, str]] = {
    "rfq_declined": {"consortium": "Cantabria Metal", "bid": BID, "reason": "No capacity."},
    "quote_accepted": {"consortium": "Cantabria Metal", "bid": BID,
                       "organisation": "Astillero del Golfo", **PRICE},
    "quote_declined": {"consortium": "Cantabria Metal", "bid": BID,
                       "organisation": "Astillero del Golfo", "reason": "Too dear."},
    "quote_expiring": {"consortium": "Cantabria Metal", "bid": BID,
                       "valid_until": "2025-04-17", **PRICE},
    "contract_awarded": {"consortium": "Cantabria Metal", "bid": BID, "reference": "C-7",
                         "value_amount": "440000.00", "value_currency": "EUR"},
    "buyer_accepted": {"consortium": "Cantabria Metal", "bid": BID,
                       "organisation": "Astillero del Golfo", **PRICE},
    "buyer_declined": {"consortium": "Cantabria Metal", "bid": BID,
                       "organisation": "Astillero del Golfo", "reason": "Too dear."},
    "contribution_committed": {"consortium": "Cantabria Metal", "bid": BID,
                               "organisation": "Astillero del Golfo", "company": "Grúas Norte",
                               "membership": BID, "stage": "logistics",
                               "lead_time_days": "21", **PRICE},
}
WRITTEN = {"price", "value"}  # made from <name>_amount and <name>_currency
PERSON = {"name": "Olga Pardo", "email": "olga@example.org", "token": "t" * 43}


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in Formatter().parse(text) if f}


def test_every_step_has_its_words_in_every_language_with_only_its_own_facts() -> None:
    assert set(STEP_TEXTS) == set(FACTS)
    for kind, languages in STEP_TEXTS.items():
        assert set(languages) == set(LANGUAGES), kind
        assert len({subject for subject, _ in languages.values()}) == len(LANGUAGES), kind
        for subject, body in languages.values():
            assert {"name", "link"} <= fields(body), kind
            assert "consortium" in fields(subject) | fields(body), kind
            assert fields(subject) | fields(body) <= {"name", "link", *WRITTEN,
                                                      *FACTS[kind]}, kind


@pytest.mark.parametrize("kind", sorted(FACTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_step_mail_is_whole_in_each_language(kind: str, language: str) -> None:
    mail = letter(kind, {**PERSON, "language": language}, FACTS[kind],
                  MailSettings(base_url="https://consortia.example"))
    assert mail.body.count("https://consortia.example/") == 1
    assert "Olga Pardo" in mail.body and "{" not in mail.body + mail.subject
    assert "_amount" not in mail.body and "2025-04-17" not in mail.body + mail.subject
