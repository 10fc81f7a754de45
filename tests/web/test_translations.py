"""The message catalogs: every string of the web layer is translated into es, fr and de.

The catalogs are compared with what `make messages` would extract from the code now, so a
new string without its translations fails here, not in front of a buyer.
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "web" / "translations"
LANGUAGES = ("es", "fr", "de")
# As babel.cfg: the domain's and marketplace's refusals, the web's Python and templates.
METHODS = [("domain/**.py", "web.extract_refusals:extract"),
           ("marketplace/**.py", "web.extract_refusals:extract"),
           ("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None,
            "_l": None, "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}


def _msgid(message: str | tuple[str, ...]) -> str:
    return message[0] if isinstance(message, tuple) else message


def _not_hidden(path: str) -> bool:
    name = os.path.basename(path)
    return not (name.startswith(".") or name == "__pycache__")


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    # As `make messages` (--ignore-dirs): Babel would skip the _partials/ template folders.
    found = extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS,
                             directory_filter=_not_hidden)
    return {_msgid(message) for _file, _line, message, _comments, _context in found}


def _po(language: str) -> Catalog:
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file, locale=language)


def test_the_code_has_strings_to_translate(extracted: set[str]) -> None:
    assert "Export consortia" in extracted


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_code_is_translated(language: str, extracted: set[str]) -> None:
    catalog = _po(language)
    missing = sorted(msgid for msgid in extracted
                     if not (catalog.get(msgid) and catalog.get(msgid).string))
    fuzzy = sorted(m.id for m in catalog if m.id and m.fuzzy)
    assert missing == [], f"{language}: untranslated, run `make messages` and translate"
    assert fuzzy == [], f"{language}: fuzzy entries need a translator's look"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language: str) -> None:
    problems = [(message.id, error) for message, errors in _po(language).check()
                for error in errors]
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language: str) -> None:
    compiled = BytesIO()
    write_mo(compiled, _po(language))
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo", "rb") as file:
        committed = read_mo(file)
    compiled.seek(0)
    expected = read_mo(compiled)
    assert _texts(committed) == _texts(expected), "run `make messages` to recompile"


def _texts(catalog: Catalog) -> dict[object, object]:
    # read_mo gives a plural entry's ids and strings as lists: tuples make them comparable keys.
    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    return {frozen(m.id): frozen(m.string) for m in catalog if m.id}
