"""`make messages` extractor for the domain's refusals (babel.cfg names it).

Besides what the Python extractor finds (`_`, `N_`...), it takes the wording of every
error raised as `SomethingError("wording %(blank)s", blank=...)`: the first argument of
a call to a name ending in "Error", when it is a literal string.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def _callee(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def wordings(source: str) -> Iterator[tuple[int, str]]:
    """(line, wording) of each error constructed with a literal wording."""
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and _callee(node).endswith("Error") and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str) and node.args[0].value):
            yield node.lineno, node.args[0].value
        elif (isinstance(node, ast.ClassDef) and node.name.endswith("Error")):
            for statement in node.body:
                if (isinstance(statement, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "wording"
                                for t in statement.targets)
                        and isinstance(statement.value, ast.Constant)):
                    yield statement.lineno, str(statement.value.value)


def extract(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
            options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    fileobj.seek(0)
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, wording in wordings(source):
        yield line, None, wording, []
