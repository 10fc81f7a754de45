"""The "quote ready" mail's own sentence: the quote's reference, price and validity.

Written in the recipient's language from the row's facts; a row written before the facts
carried the price says nothing of it (the link and the page still do).
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from marketplace.moneyformat import format_money

# {reference} is " CGM-2026-0042", or nothing for an RFQ from before references.
QUOTE_TERMS: dict[str, str] = {
    "en": "Quote{reference}: {price}, valid until {valid_until}. The quotation is attached "
          "as a PDF.",
    "es": "Presupuesto{reference}: {price}, válido hasta el {valid_until}. El presupuesto "
          "va adjunto en PDF.",
    "fr": "Devis{reference} : {price}, valable jusqu'au {valid_until}. Le devis est joint "
          "en PDF.",
    "de": "Angebot{reference}: {price}, gültig bis {valid_until}. Das Angebot liegt als PDF "
          "bei.",
}


def quote_terms(language: str, values: dict[str, str]) -> str:
    """The sentence with the price and validity, or "" if the facts do not hold them."""
    amount, currency = values.get("price_amount"), values.get("price_currency")
    valid_until = values.get("valid_until")
    if not (amount and currency and valid_until):
        return ""
    reference = values.get("quote_reference")
    return QUOTE_TERMS.get(language, QUOTE_TERMS["en"]).format(
        reference=f" {reference}" if reference else "",
        price=format_money(amount, currency, language),
        valid_until=format_date(date.fromisoformat(valid_until), "long", locale=language))
