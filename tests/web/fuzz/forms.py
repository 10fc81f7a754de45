"""The forms the app serves: read from its own pages, so the fuzz posts real field names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import HTTPException

INPUTS = ("input", "select", "textarea", "button")


@dataclass
class Form:
    """Where a form posts, and each field's name with the values the page offers for it."""

    action: str
    fields: dict[str, set[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """Collects every <form method=post> and every hx-post, with the fields they send."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._open: list[Form] = []  # the <form> being read, if any
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            posted = a.get("method", "get").lower() == "post" or "hx-post" in a
            form = Form(urljoin(self.page, a.get("hx-post") or a.get("action") or self.page))
            self._open.append(form)
            if posted:
                self.forms.append(form)
            return
        if "hx-post" in a and tag != "form":  # a control that posts itself (and its form)
            hx = Form(urljoin(self.page, a["hx-post"]))
            if self._open:
                hx.fields = self._open[-1].fields  # htmx sends the enclosing form's values
            self.forms.append(hx)
        if not self._open:
            return
        fields = self._open[-1].fields
        if tag == "option" and self._select:
            fields.setdefault(self._select, set()).add(a.get("value", ""))
        elif tag in INPUTS and a.get("name"):
            fields.setdefault(a["name"], set())
            if a.get("value"):
                fields[a["name"]].add(a["value"])
            if tag == "select":
                self._select = a["name"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open:
            self._open.pop()
        elif tag == "select":
            self._select = None


def forms_on(page: str, html: str) -> list[Form]:
    """The posting forms of one page; relative actions are resolved against the page."""
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def endpoint_of(app: Flask, action: str) -> str | None:
    """The endpoint a form's action posts to, or None if it is not one of the app's."""
    parts = urlsplit(action)
    try:
        endpoint, _ = app.url_map.bind("localhost").match(parts.path, method="POST")
    except HTTPException:
        return None
    return endpoint


@dataclass
class Found:
    """Per endpoint: the actions that reach it, the union of their fields, and per action
    the page that shows its form (read again for current values such as `version`)."""

    actions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fields: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    pages: dict[str, str] = field(default_factory=dict)


def discover(app: Flask, client: FlaskClient, pages: list[str], found: Found) -> None:
    """GET each page as this client and record every form on it by the endpoint it posts to."""
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in forms_on(page, response.get_data(as_text=True)):
            endpoint = endpoint_of(app, form.action)
            if endpoint is None:
                continue
            path = urlsplit(form.action).path
            if path not in found.actions[endpoint]:
                found.actions[endpoint].append(path)
                found.pages[path] = page
            known = found.fields[endpoint]
            for name, values in form.fields.items():
                known.setdefault(name, set()).update(values)


def current(client: FlaskClient, page: str, action: str) -> dict[str, set[str]]:
    """The values the page offers now for the form posting to `action` (empty if gone)."""
    response = client.get(page)
    if response.status_code != 200 or response.mimetype != "text/html":
        return {}
    fields: dict[str, set[str]] = {}
    for form in forms_on(page, response.get_data(as_text=True)):
        if urlsplit(form.action).path == action:
            for name, values in form.fields.items():
                fields.setdefault(name, set()).update(values)
    return fields
