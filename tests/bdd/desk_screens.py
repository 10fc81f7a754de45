"""The bid desk's screens as a manager's browser sees them: pages, their forms, filled in.

The steps read each form off the page (its hidden fields, its boxes, its defaults) and send
it back with what the manager types, so they go through the same screens a person does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from flask.testing import FlaskClient

from marketplace.application import Marketplace
from tests.bdd.support import log_position


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # what it would send as is
    boxes: list[str] = field(default_factory=list)  # the values of its enabled checkboxes

    def value(self, name: str) -> str:
        return next(v for n, v in self.fields if n == name)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif tag == "input" and self.forms and "name" in a and "disabled" not in a:
            if a.get("type") == "checkbox":
                self.forms[-1].boxes.append(a.get("value", "on"))
                if "checked" not in a:
                    return
            self.forms[-1].fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and self.forms:
            self.forms[-1].fields.append((a["name"], ""))
        elif tag == "select" and self.forms:
            self._select = a.get("name")
        elif tag == "option" and self.forms and self._select:
            # A select sends its first option until the person picks another.
            self.forms[-1].fields.append((self._select, a.get("value", "")))
            self._select = None


@dataclass
class Screen:
    """One page the manager has open."""

    url: str
    status: int
    html: str

    def form(self, action_ends: str) -> Form:
        parser = _Forms()
        parser.feed(self.html)
        found = [f for f in parser.forms if f.method == "post" and f.action.endswith(action_ends)]
        assert found, f"no form posting to …{action_ends} on {self.url}"
        return found[0]

    def link(self, text: str) -> str:
        match = re.search(rf'<a[^>]*href="([^"]+)"[^>]*>\s*{re.escape(text)}', self.html)
        assert match, f"no link {text!r} on {self.url}"
        return unescape(match.group(1))

    @property
    def text(self) -> str:
        """The page's words, without tags, as a person reads them."""
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", self.html)).split())


@dataclass
class Desk:
    """A signed-in manager's browser on the desk."""

    client: FlaskClient
    last: Screen | None = None

    @property
    def screen(self) -> Screen:
        """The page open now."""
        assert self.last is not None, "no page is open yet"
        return self.last

    def open(self, url: str, **headers: str) -> Screen:
        response = self.client.get(url, headers=headers)
        self.last = Screen(url, response.status_code, response.get_data(as_text=True))
        return self.screen

    def send(self, form: Form, **typed: str | list[str]) -> Screen:
        """Send the form with what was typed in place of its defaults; follow a redirect."""
        data: dict[str, list[str]] = {}
        for name, value in form.fields:
            data.setdefault(name, []).append(value)
        data.update({k: v if isinstance(v, list) else [v] for k, v in typed.items()})
        response = self.client.post(form.action, data=data)
        if response.status_code == 303:
            return self.open(response.headers["Location"])
        self.last = Screen(form.action, response.status_code, response.get_data(as_text=True))
        return self.screen


DESK = "/workspace/desk/"


def bid_page(desk: Desk, buyer: str) -> None:
    """From the desk's inbox, open the RFQ of this buyer."""
    assert desk.open(DESK).status == 200
    assert desk.open(desk.screen.link(buyer)).status == 200


def send(desk: Desk, app: Marketplace, memo: dict[str, Any], form: Form, **typed: Any) -> None:
    """Send a form, noting the log's position first, so a refusal can be checked."""
    memo["before"] = log_position(app)
    desk.send(form, **typed)
