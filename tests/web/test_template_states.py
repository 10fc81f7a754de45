"""Templates ask the queries' flags (`bid.can_quote`), never compare a status with a string."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
# `x.status == "quoted"`, `status != 'open'`, `y.standing in ("joined", ...)`: a status
# compared with, or tested against, quoted literals. (The payment page's `state` is the
# page's own word for what it shows, "processing" included, not a stored status.)
COMPARED = re.compile(r"""\b(status|standing)\s*(==|!=|\bnot\s+in\b|\bin\b)\s*\(?\s*["']""")


def offending(text: str) -> list[str]:
    """The lines of a template that test a status against a string literal."""
    return [line.strip() for line in text.splitlines() if COMPARED.search(line)]


def test_the_check_catches_each_form_of_comparison() -> None:
    for line in ('{% if bid.status == "quoted" %}', "{% if a.status != 'open' %}",
                 '{% if p.status in ("invited", "joined") %}', "{% if f.standing == 'x' %}",
                 '{% if s.status not in ("a",) %}'):
        assert offending(line), line
    assert not offending("{% if bid.can_quote and manages %}")
    assert not offending('<span class="status-{{ mail.status }}">{{ mail.status }}</span>')


def test_no_template_compares_a_status_with_a_string() -> None:
    found = {str(path.relative_to(TEMPLATES)): lines
             for path in sorted(TEMPLATES.rglob("*.html"))
             if (lines := offending(path.read_text(encoding="utf-8")))}
    assert found == {}, "ask a flag from the query instead: " + repr(found)
