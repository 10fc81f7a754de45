"""Ids on the auditor's pages, shown with what they stand for.

A page's values (an event's data, a state, a change's name, an actor) are searched for
ids once; each is looked up once (marketplace/audit/names.py) and drawn as:

- a record the auditor can open: its name, linking to its history;
- a person: an account's name ("erased person" once forgotten), or, for someone without an
  account (a buyer), only that a person is there; the vault reference one click away;
- an id nothing names: its first characters, the whole id one click away.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from marketplace.audit.names import ERASED, UNNAMED, UUID_TEXT, Named, account_of, names_of
from web.extensions import services

NAMES = "named_ids"  # the template context's key for a page's looked-up ids


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        yield from _texts(vars(value))


def look_up(*values: Any) -> dict[str, dict[str, Named]]:
    """The template context that names every id in `values`."""
    ids = {match.lower() for text in _texts(values) for match in UUID_TEXT.findall(text)}
    app = services().marketplace
    return {NAMES: names_of(services().engine, app.vault, ids)}


def _person(name: str) -> str:
    if name == ERASED:
        return _("erased person")
    return _("a person in the vault") if name == UNNAMED else name


def _one(key: str, named: Named | None) -> Markup:
    if named is None:
        return Markup('<details class="audit-id"><summary>{}…</summary><code>{}</code>'
                      "</details>").format(key[:8], key)
    if named.is_record:
        label = _person(named.name) if named.kind == "Account" else named.name
        return Markup('<a href="{}" title="{}">{}</a>').format(
            url_for("audit.aggregate", aggregate_id=key), key, label)
    return Markup('<details class="audit-id"><summary>{}</summary><code>{}</code>'
                  "</details>").format(_person(named.name), key)


@pass_context
def named(context: Context, text: Any) -> Markup:
    """`text` with each id in it drawn with its name."""
    names: dict[str, Named] = context.get(NAMES) or {}
    text = str(text)
    parts: list[Markup | str] = []
    start = 0
    for match in UUID_TEXT.finditer(text):
        parts.append(escape(text[start:match.start()]))
        key = match.group(0).lower()
        parts.append(_one(key, names.get(key)))
        start = match.end()
    parts.append(escape(text[start:]))
    return Markup("").join(parts)


@pass_context
def name_of(context: Context, key: str | None) -> str:
    """The name an id stands for on this page, or "" if nothing names it."""
    names: dict[str, Named] = context.get(NAMES) or {}
    found = names.get(str(key).lower()) if key else None
    return "" if found is None else _person(found.name) if not found.is_record or \
        found.kind == "Account" else found.name


@pass_context
def actor_name(context: Context, recorded: str) -> str:
    """An actor as plain text: "Ana Ruiz (manager)" for an account, else as recorded."""
    account = account_of(recorded)
    name = name_of(context, account) if account else ""
    return f"{name}{recorded[len('user:') + len(account or ''):]}" if name else recorded


@pass_context
def actor(context: Context, recorded: str | None) -> Markup:
    """Who caused an event, as the log records it ("user:<id> (manager)"): a person's name
    with their roles, else the actor as recorded ("system", "buyer")."""
    if not recorded:
        return Markup('<span class="muted">—</span>')
    account = account_of(recorded)
    if account is None:
        return escape(recorded)
    names: dict[str, Named] = context.get(NAMES) or {}
    found = names.get(account.lower())
    roles = recorded[len("user:") + len(account):]
    if found is None:
        return named(context, recorded)
    return Markup("{}{}").format(_one(account.lower(), found), roles)
