"""Money reads as Babel writes it in each locale, with CLDR's spacing around the currency:
pages (the `money` filter) and mails (in the recipient's language) say it the same way."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.moneyformat import format_money, money_text
from marketplace.outbox.compose import letter
from marketplace.outbox.settings import MailSettings
from web import create_app
from web.i18n import money

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("locale", "currency", "shown"), [
    ("en", "EUR", "€1,234.50"),
    ("en", "USD", "$1,234.50"),
    ("en", "CHF", f"CHF{NBSP}1,234.50"),  # letters and digits do not touch
    ("en", "NOK", f"NOK{NBSP}1,234.50"),
    ("en", "JPY", "¥1,234"),  # the currency's own minor units (none), half to even
    ("es", "EUR", f"1.234,50{NBSP}€"),
    ("es", "CHF", f"1.234,50{NBSP}CHF"),
    ("fr", "EUR", f"1{NNBSP}234,50{NBSP}€"),
    ("de", "EUR", f"1.234,50{NBSP}€"),
    ("de", "CHF", f"1.234,50{NBSP}CHF"),
])
def test_each_locale_writes_money_its_own_way(locale: str, currency: str, shown: str) -> None:
    assert format_money(Decimal("1234.50"), currency, locale) == shown


def test_a_negative_amount_keeps_the_spacing() -> None:
    assert format_money(Decimal("-80"), "CHF", "en") == f"-CHF{NBSP}80.00"


def test_the_page_filter_speaks_the_page_s_language(tmp_path: Path) -> None:
    app = create_app(config={"TESTING": True, "SECRET_KEY": "t",
                             "DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"})
    for language, shown in [("en", f"CHF{NBSP}250,000.00"), ("es", f"250.000,00{NBSP}CHF"),
                            ("fr", f"250{NNBSP}000,00{NBSP}CHF")]:
        with app.test_request_context("/", headers={"Accept-Language": language}):
            assert money(Decimal("250000"), "CHF") == shown


def test_money_text_reads_the_stored_plain_form_back() -> None:
    # Mail facts made before this change hold str(Money): "EUR 250,000.00".
    assert money_text("EUR 250,000.00", "de") == f"250.000,00{NBSP}€"
    assert money_text("not money", "de") == "not money"


@pytest.mark.parametrize(("language", "shown"), [
    ("en", "€250,000.00"), ("es", f"250.000,00{NBSP}€"), ("fr", f"250{NNBSP}000,00{NBSP}€"),
    ("de", f"250.000,00{NBSP}€")])
def test_a_work_share_mail_says_the_amount_in_the_recipient_s_language(
        language: str, shown: str) -> None:
    person = {"name": "Ines Vega", "email": "ines@example.org", "language": language}
    facts = {"consortium": "Metal", "reference": "C-7", "membership": "m-1",
             "share": "EUR 250,000.00", "share_amount": "250000.00", "share_currency": "EUR"}
    mail = letter("work_share_awarded", person, facts, MailSettings(base_url="https://x.example"))
    assert shown in mail.body
    assert "EUR 250,000.00" not in mail.body
    old = {k: v for k, v in facts.items() if not k.startswith("share_")}  # an old row
    assert shown in letter("work_share_awarded", person, old,
                           MailSettings(base_url="https://x.example")).body
