"""The options of the RFQ form's currency and Incoterm lists, in the page's language.

Stages and countries are named in `web.labels`, for every page.
"""

from __future__ import annotations

import functools

import pycountry
from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _

from domain.errors import UnknownCurrencyError
from domain.money import currency_code
from domain.values import INCOTERMS_2020

# The currencies overseas buyers quote in most often come first in the list.
COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "NOK", "SEK", "DKK", "MXN", "MAD", "CAD",
                     "JPY", "CNY")


def _locale() -> Locale:
    return get_locale() or Locale("en")


@functools.lru_cache(maxsize=8)
def _currencies(language: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    names = Locale.parse(language).currencies
    tradable = []
    for currency in pycountry.currencies:
        try:
            code = currency_code(currency.alpha_3)
        except UnknownCurrencyError:
            continue  # funds and metals are ISO 4217 codes nobody quotes in
        tradable.append((code, f"{code} · {names.get(code) or currency.name}"))
    common = tuple(pair for code in COMMON_CURRENCIES for pair in tradable if pair[0] == code)
    rest = tuple(sorted(pair for pair in tradable if pair[0] not in COMMON_CURRENCIES))
    return common, rest


def currencies() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(common, all others): ISO 4217 codes with their names, common ones first."""
    return _currencies(str(_locale()))


def incoterms() -> tuple[tuple[str, str], ...]:
    """The Incoterms 2020 rules with their names."""
    names = {
        "EXW": _("Ex Works"), "FCA": _("Free Carrier"), "CPT": _("Carriage Paid To"),
        "CIP": _("Carriage and Insurance Paid To"), "DAP": _("Delivered at Place"),
        "DPU": _("Delivered at Place Unloaded"), "DDP": _("Delivered Duty Paid"),
        "FAS": _("Free Alongside Ship"), "FOB": _("Free on Board"),
        "CFR": _("Cost and Freight"), "CIF": _("Cost, Insurance and Freight"),
    }
    return tuple((rule, f"{rule} · {names[rule]}") for rule in INCOTERMS_2020)
