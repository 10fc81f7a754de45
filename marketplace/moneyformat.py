"""Money as a person reads it: Babel's pattern for the locale, with CLDR's currency spacing.

Babel formats with the locale's pattern and the currency's own minor units, but it does
not apply CLDR's `currencySpacing`: where a currency sign made of letters touches a digit
("CHF1,234.50" in English), CLDR puts a no-break space between them. The four languages
of this site (en, es, fr, de) all use CLDR's root rule, applied here. Pages (web/i18n.py's
`money` filter) and mails (in the recipient's language) both write money with this.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_symbol

NO_BREAK_SPACE = "\u00a0"  # CLDR root: currencySpacing insertBetween


def _spaced(sign_end: str) -> bool:
    # CLDR root's currencyMatch is [[:^S:]&[:^Z:]]: neither a symbol nor a space.
    return unicodedata.category(sign_end)[0] not in ("S", "Z")


def format_money(amount: Decimal | int | str, currency: str, locale: str) -> str:
    """The amount in the locale's way, e.g. "CHF 1,234.50" (en), "1.234,50 €" (de)."""
    shown = format_currency(Decimal(str(amount)), currency, locale=locale)
    sign = get_currency_symbol(currency, locale=locale)
    if not sign:
        return shown
    if _spaced(sign[-1]):  # the sign, then a digit right after it
        shown = re.sub(re.escape(sign) + r"(?=\d)", sign + NO_BREAK_SPACE, shown, count=1)
    if _spaced(sign[0]):  # a digit, then the sign right after it
        shown = re.sub(r"(?<=\d)" + re.escape(sign), NO_BREAK_SPACE + sign, shown, count=1)
    return shown


_PLAIN = re.compile(r"^([A-Z]{3}) (-?[\d,]+(?:\.\d+)?)$")


def money_text(text: str, locale: str) -> str:
    """A sum kept as plain text, str(Money) ("EUR 250,000.00"), in the locale's way;
    any other text stays as it is."""
    found = _PLAIN.match(text.strip())
    if found is None:
        return text
    try:
        return format_money(Decimal(found.group(2).replace(",", "")), found.group(1), locale)
    except (InvalidOperation, ValueError):
        return text
