"""features/agreements.feature, through the Flask test client, on SQLite and PostgreSQL.

The member user and the manager sign in through the real form; the forms' hidden fields
(version, the text's SHA-256) are read from the pages, as a browser sends them.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from marketplace.bootstrap import Services
from marketplace.outbox.tables import mail_outbox
from tests.story import Formed, form_consortium, rules
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD
from web import create_app

scenarios("agreements.feature")


@dataclass
class Signing:
    services: Services
    app: Flask
    member: FlaskClient
    formed: Formed | None = None
    firms: dict[str, UUID] = field(default_factory=dict)
    accounts: dict[str, UUID] = field(default_factory=dict)
    page: str = ""
    answer: Any = None
    typed_name: str = ""

    def url(self, firm: str, path: str = "agreement") -> str:
        return f"/workspace/member/{self.firms[firm]}/{path}"

    def hidden(self, name: str) -> str:
        found = re.search(rf'name="{name}" value="([^"]*)"', self.page)
        assert found is not None, name
        return found.group(1)

    def signatures(self, firm: str) -> int:
        history = self.services.marketplace.history(self.firms[firm])
        return sum(e["type"].endswith("AgreementSigned") for e in history)


@pytest.fixture
def signing(services: Services) -> Signing:
    app = create_app(services=services, config=TEST_CONFIG)
    return Signing(services, app, app.test_client())


def _sign_in(client: FlaskClient, email: str) -> None:
    answer = client.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 303


@given(parsers.parse("the metal consortium is established with {count:d} members"))
def established(signing: Signing, count: int) -> None:
    signing.formed = form_consortium(signing.services.marketplace, members=count)
    signing.firms = {f"Metal Firm {n + 1}": m
                     for n, m in enumerate(signing.formed.memberships)}


@given(parsers.parse('"{person}" is a member user of "{firm}"'))
def member_user(signing: Signing, person: str, firm: str) -> None:
    email = f"{person.split()[0].lower()}@example.org"
    signing.accounts[person] = signing.services.marketplace.open_account(
        name=person, email=email, password=PASSWORD,
        grants=[("member", str(signing.firms[firm]))])
    _sign_in(signing.member, email)


@when(parsers.parse('"{person}" opens the member agreement of "{firm}"'))
def opens(signing: Signing, person: str, firm: str) -> None:
    answer = signing.member.get(signing.url(firm))
    assert answer.status_code == 200
    signing.page = answer.get_data(as_text=True)


def _post(signing: Signing, firm: str, name: str, ticked: bool,
          digest: str | None = None, version: str | None = None) -> None:
    data = {"version": signing.hidden("version"),
            "rules_version": version or signing.hidden("rules_version"),
            "agreement_sha256": digest or signing.hidden("agreement_sha256"),
            "signatory_name": name}
    signing.typed_name = name
    if ticked:
        data["accept"] = "yes"
    signing.answer = signing.member.post(signing.url(firm), data=data)


@when(parsers.parse('she signs it as "{name}", ticking the box'))
def signs(signing: Signing, name: str) -> None:
    _post(signing, "Metal Firm 1", name, True)
    assert signing.answer.status_code == 303, signing.answer.get_data(as_text=True)[:2000]


@given(parsers.parse('"{person}" has signed version {version:d} for "{firm}"'))
def has_signed(signing: Signing, person: str, version: int, firm: str) -> None:
    opens(signing, person, firm)
    assert signing.hidden("rules_version") == str(version)
    signs(signing, person)


@then(parsers.parse("the page shows the SHA-256 of version {version:d} of the agreement"))
def shows_hash(signing: Signing, version: int) -> None:
    consortium = signing.services.marketplace.get_consortium(signing.formed.consortium)
    in_force = consortium.agreement()
    assert in_force is not None and in_force[0] == version
    digest = signing.hidden("agreement_sha256")
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert f'<code class="hash" id="agreement-sha256">{digest}</code>' in signing.page
    assert html.escape(in_force[1].splitlines()[0]) in signing.page


@then(parsers.parse('version {version:d} is signed for "{firm}" by "{person}" from her account'))
def is_signed(signing: Signing, version: int, firm: str, person: str) -> None:
    history = signing.services.marketplace.history(signing.firms[firm])
    signed = [e for e in history if e["type"].endswith("AgreementSigned")][-1]
    assert signed["data"]["rules_version"] == version
    assert signed["data"]["account_id"] == signing.accounts[person]
    page = signing.member.get(signing.url(firm)).get_data(as_text=True)
    assert f"Version {version} of the rules is signed for {firm}." in page
    assert html.escape(person) in page
    assert signed["data"]["agreement_sha256"] in page


@then(parsers.parse("the PDF of version {version:d} holds the text, its SHA-256 and her "
                    "signature"))
def pdf_holds(signing: Signing, version: int) -> None:
    answer = signing.member.get(signing.url("Metal Firm 1", f"agreement/{version}.pdf"))
    _check_pdf(signing, answer, "Metal Firm 1", "Ines Vega")


def _check_pdf(signing: Signing, answer: Any, firm: str, person: str) -> None:
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.headers["Content-Disposition"].startswith("attachment")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.data)).pages)
    flat = " ".join(text.split())
    history = signing.services.marketplace.history(signing.firms[firm])
    signed = [e for e in history if e["type"].endswith("AgreementSigned")][-1]
    assert "MEMBER AGREEMENT" in flat
    assert signed["data"]["agreement_sha256"] in flat.replace(" ", "")
    assert person in flat
    assert str(signed["data"]["account_id"]) in flat.replace(" ", "")


@when(parsers.parse("the agency adopts version {version:d} of the rules, with quotes "
                    "answered within {days:d} days"))
def adopts(signing: Signing, version: int, days: int) -> None:
    adopted = signing.services.marketplace.adopt_rules(signing.formed.consortium,
                                                       rules(quote_response_days=days))
    assert adopted == version


@then(parsers.parse('the space of "{firm}" shows version {version:d} awaiting its signature'))
def awaits(signing: Signing, firm: str, version: int) -> None:
    page = signing.member.get(signing.url(firm, "")).get_data(as_text=True)
    assert (f"Version {version} of the consortium's rules awaits your company's "
            "signature." in page)


@then(parsers.parse('the space of "{firm}" shows nothing awaiting its signature'))
def nothing_awaits(signing: Signing, firm: str) -> None:
    page = signing.member.get(signing.url(firm, "")).get_data(as_text=True)
    assert 'id="agreement-due"' not in page


@then(parsers.parse('"{person}" is mailed that version {version:d} awaits her signature'))
def mailed(signing: Signing, person: str, version: int) -> None:
    app = signing.services.marketplace
    ref = str(app.get_account(signing.accounts[person]).person)
    with signing.services.engine.connect() as conn:
        rows = conn.execute(select(mail_outbox)
                            .where(mail_outbox.c.kind == "agreement_to_sign")).all()
    [row] = [r for r in rows if r.recipient_ref == ref]
    assert row.facts["version"] == str(version)
    assert row.facts["membership"] == str(signing.firms["Metal Firm 1"])


@when("the manager opens the member agreements of the metal consortium")
def manager_opens(signing: Signing) -> None:
    manager = signing.app.test_client()
    signing.services.marketplace.open_account(
        name="Ana Ruiz", email="ana@example.org", password=PASSWORD,
        grants=[("manager", str(signing.formed.consortium))])
    _sign_in(manager, "ana@example.org")
    answer = manager.get("/workspace/agreements/", follow_redirects=True)
    assert answer.status_code == 200
    signing.page = answer.get_data(as_text=True)
    signing.member = manager  # the manager's client from here on


@then(parsers.parse('"{firm}" is listed as signed by "{person}"'))
def listed_signed(signing: Signing, firm: str, person: str) -> None:
    signed = signing.page[signing.page.index('id="signed"'):]
    assert re.search(rf"<td>{firm}</td><td>{person}</td>", signed)
    assert "1 of 3 members have signed version 1 of the rules." in signing.page


@then(parsers.parse('"{first}" and "{second}" are listed as not signed yet'))
def listed_unsigned(signing: Signing, first: str, second: str) -> None:
    unsigned = signing.page[signing.page.index('id="not-signed"'):
                            signing.page.index('id="signed"')]
    assert first in unsigned and second in unsigned and "Metal Firm 1" not in unsigned


@then(parsers.parse('the manager downloads the agreement of "{firm}" with its signature '
                    "record"))
def manager_downloads(signing: Signing, firm: str) -> None:
    consortium = signing.formed.consortium
    answer = signing.member.get(
        f"/workspace/agreements/{consortium}/{signing.firms[firm]}/1.pdf")
    _check_pdf(signing, answer, firm, "Ines Vega")


@when(parsers.re(r'she signs it as "(?P<name>[^"]*)", (?P<box>[^,]+), with (?P<text>.+)'))
def signs_with(signing: Signing, name: str, box: str, text: str) -> None:
    _post(signing, "Metal Firm 1", name, box == "ticking the box",
          digest="0" * 64 if text == "another text's hash" else None,
          version="0" if text == "a superseded version" else None)


@then(parsers.parse('she is refused with "{message}", her typed name kept'))
def refused(signing: Signing, message: str) -> None:
    assert signing.answer.status_code == 422
    page = signing.answer.get_data(as_text=True)
    assert html.escape(message, quote=True) in page
    kept = re.search(r'name="signatory_name"[^>]*value="([^"]*)"', page)
    assert kept is not None and kept.group(1) == html.escape(signing.typed_name)


@then(parsers.parse('nothing is signed for "{firm}"'))
def nothing_signed(signing: Signing, firm: str) -> None:
    assert signing.signatures(firm) == 0
