"""Sector names (NACE Rev. 2) in the page's language.

A consortium's and a company's sector is stored as the officer typed it: its NACE code and
a name in their words. Buyers who read Spanish, French or German see the NACE title of the
code instead, from the catalogs: the class's own title where this table has one, else its
division's (every division is here). English pages keep the officer's words.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.storefront.nace import NACE_TITLES


def sector_name(nace: str, name: str) -> str:
    """The sector's name for the page: the stored name in English, else the NACE title."""
    if str(get_locale() or "en") == "en":
        return name
    code = str(nace or "")
    title = NACE_TITLES.get(code) or NACE_TITLES.get(code.split(".")[0])
    if title is None:
        return name
    translated = _(title)
    # A title the catalog does not translate yet would be English: the officer's words are.
    return name if translated == title else translated
