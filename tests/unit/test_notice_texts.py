"""The workspace's notices read well in every language and link to the right page."""

from __future__ import annotations

from string import Formatter

import pytest

from marketplace.outbox import MailSettings
from marketplace.outbox.compose import letter
from marketplace.outbox.notice_texts import NOTICE_TEXTS
from marketplace.people import LANGUAGES

BID, MEMBERSHIP = "5d1c0a5e-0000-4000-8000-000000000001", "6e2d1b6f-0000-4000-8000-000000000002"
MOMENT = "2025-03-10 09:00 UTC"
# The facts each kind's rows carry (tests/integration/test_notifications.py checks them).
FACTS: dict[str, dict[str, str]] = {
    "rfq_new": {"consortium": "Cantabria Metal", "bid": BID, "respond_by": MOMENT},
    "response_due": {"consortium": "Cantabria Metal", "slug": "metal", "bid": BID,
                     "respond_by": MOMENT},
    "contribution_requested": {"consortium": "Cantabria Metal", "bid": BID,
                               "membership": MEMBERSHIP, "stage": "logistics",
                               "due_on": "2025-03-06"},
    "work_share_awarded": {"consortium": "Cantabria Metal", "bid": BID, "reference": "C-7",
                           "membership": MEMBERSHIP, "share": "EUR 50,000.00"},
    "rfq_overdue": {"consortium": "Cantabria Metal", "slug": "metal", "bid": BID,
                    "respond_by": MOMENT},
}
PATHS = {
    "rfq_new": f"/workspace/desk/rfq/{BID}",
    "response_due": f"/workspace/desk/rfq/{BID}",
    "contribution_requested": f"/workspace/member/{MEMBERSHIP}/",
    "work_share_awarded": f"/workspace/member/{MEMBERSHIP}/contracts",
    "rfq_overdue": "/workspace/dashboard/metal",
}
OFFICER = {"name": "Olga Pardo", "email": "olga@agency.example"}  # no language kept


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in Formatter().parse(text) if f}


def test_every_notice_has_its_words_in_every_language_with_only_its_own_facts() -> None:
    assert set(NOTICE_TEXTS) == set(FACTS)
    for kind, languages in NOTICE_TEXTS.items():
        assert set(languages) == set(LANGUAGES), kind
        assert len({subject for subject, _ in languages.values()}) == len(LANGUAGES), kind
        for subject, body in languages.values():
            assert {"name", "link", "consortium"} <= fields(body), kind
            assert fields(subject) | fields(body) <= {"name", "link", *FACTS[kind]}, kind


@pytest.mark.parametrize("kind", sorted(FACTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_notice_links_once_to_its_workspace_page(kind: str, language: str) -> None:
    settings = MailSettings(base_url="https://consortia.example")
    mail = letter(kind, {**OFFICER, "language": language}, FACTS[kind], settings)
    assert mail.body.count("https://consortia.example" + PATHS[kind] + "\n") == 1
    assert mail.subject.startswith("Cantabria Metal")
    assert "Olga Pardo" in mail.body and "{" not in mail.body + mail.subject


def test_an_account_holder_without_a_language_reads_english() -> None:
    mail = letter("rfq_overdue", OFFICER, FACTS["rfq_overdue"], MailSettings())
    assert mail.subject == "Cantabria Metal has not answered an RFQ in time"


@pytest.mark.parametrize(("language", "stage"), [
    ("en", "logistics"), ("es", "logística"), ("fr", "logistique"), ("de", "Logistik")])
def test_the_stage_to_price_is_named_in_the_reader_s_language(language: str,
                                                              stage: str) -> None:
    mail = letter("contribution_requested", {**OFFICER, "language": language},
                  FACTS["contribution_requested"], MailSettings())
    assert stage in mail.subject and stage in mail.body
