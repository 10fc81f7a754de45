"""Every refusal can be worded in the user's language.

A domain error is raised with a literal English wording whose blanks are named and
filled by keyword (`XError("... %(left)s", left=...)`), never an f-string: the catalogs
translate the wording, and the web fills the blanks in the page's language. Every error
class, through its own or an inherited `wording`, has a translation in es, fr and de.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import domain
import marketplace
from domain.errors import DomainError
from web.extract_refusals import wordings

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.joinpath("domain").rglob("*.py"),
                  *ROOT.joinpath("marketplace").rglob("*.py")])
LANGUAGES = ("es", "fr", "de")
BLANK = re.compile(r"%\((\w+)\)")


def _error_classes() -> set[type[DomainError]]:
    for package in (domain, marketplace):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    found: set[type[DomainError]] = set()
    todo = [DomainError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


ERRORS = _error_classes()
ERROR_NAMES = {cls.__name__ for cls in ERRORS}


def _catalog(language: str) -> dict[str, str]:
    path = ROOT / "web" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as file:
        return {m.id: m.string for m in read_po(file) if isinstance(m.id, str)}


CATALOGS = {language: _catalog(language) for language in LANGUAGES}


def _constructions(path: Path) -> list[tuple[int, ast.Call]]:
    tree = ast.parse(path.read_text())
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name in ERROR_NAMES:
                calls.append((node.lineno, node))
    return calls


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_errors_are_raised_with_a_literal_wording_and_named_blanks(path: Path) -> None:
    wrong = []
    for line, call in _constructions(path):
        if not call.args:
            continue  # the class's own wording
        first = call.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            wrong.append(f"line {line}: the wording must be a literal string, not "
                         f"{type(first).__name__}")
            continue
        blanks = set(BLANK.findall(first.value))
        given = {keyword.arg for keyword in call.keywords if keyword.arg}
        if blanks != given:
            wrong.append(f"line {line}: blanks {sorted(blanks)} but values {sorted(given)}")
        if len(call.args) > 1:
            wrong.append(f"line {line}: values go by name, not by position")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_wording_raised_is_translated(language: str) -> None:
    catalog = CATALOGS[language]
    missing = sorted({f"{path.relative_to(ROOT)}:{line}: {wording}"
                      for path in SOURCES for line, wording in wordings(path.read_text())
                      if not catalog.get(wording)})
    assert missing == [], f"{language}: run `make messages` and translate"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_class_has_a_translated_wording(language: str) -> None:
    catalog = CATALOGS[language]
    missing = sorted(cls.__name__ for cls in ERRORS if not catalog.get(cls.wording))
    assert missing == []


# The helpers that bound a value name it in their refusal: `text(note, N_("the note"), 500)`.
# The name is a value of the refusal, so it is marked for the catalogs like a wording.
NAMING = {"text": 1, "readable": 1, "within_window": 1, "require_money": 1, "bounded": 1,
          "parse_percent": 1, "as_uuid": 1}


def _naming_calls(path: Path) -> list[tuple[int, ast.expr]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if name not in NAMING:
            continue
        position = NAMING[name]
        given = [k.value for k in node.keywords if k.arg == "what"]
        if len(node.args) > position:
            given.append(node.args[position])
        found.extend((node.lineno, value) for value in given)
    return found


def _marked(value: ast.expr) -> bool:
    """N_("..."), or a name the function passes on (checked where it is given)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id == "N_"
    return not isinstance(value, ast.Constant | ast.JoinedStr)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_names_of_bounded_values_are_marked_for_the_catalogs(path: Path) -> None:
    wrong = [f"line {line}: {ast.unparse(value)} is not marked with N_(...)"
             for line, value in _naming_calls(path) if not _marked(value)]
    assert wrong == []


def test_the_naming_check_sees_an_unmarked_name() -> None:
    source = 'text(note, "the note", 500)\ntext(note, N_("the note"), 500)\n'
    calls = [value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
             and getattr(node.func, "id", "") == "text" for value in [node.args[1]]]
    assert [_marked(value) for value in calls] == [False, True]
