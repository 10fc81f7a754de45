"""`consortia mail send` names each mail it cannot handle, and sends the rest."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from click.testing import CliRunner, Result

from consortia.cli import main
from marketplace.bootstrap import Services
from marketplace.outbox import sender
from tests.story import form_consortium, request_quote


def consortia(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CONSORTIA_DATABASE_URL": url})


def test_a_mail_that_cannot_be_sent_is_named_the_others_go_and_the_run_fails(
    services: Services, store_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    for n in range(3):
        request_quote(app, formed.consortium, contact_email=f"buyer{n}@yards.example")
    compose = sender.message

    def brittle(mail: object, key: str, *rest: object) -> EmailMessage:
        built = compose(mail, key, *rest)  # type: ignore[arg-type]
        if built["To"].addresses[0].addr_spec == "buyer1@yards.example":
            raise UnicodeEncodeError("ascii", "ñ", 0, 1, "a header an old record breaks")
        return built

    monkeypatch.setattr(sender, "message", brittle)
    result = consortia(store_url, "mail", "send")
    assert result.exit_code == 1, result.output
    assert "sent 2 (local), 1 to retry, 0 failed" in result.output
    assert "not sent: UnicodeEncodeError" in result.output
    assert "Traceback" not in result.output
    again = consortia(store_url, "mail", "send")  # nothing due until the retry's time
    assert again.exit_code == 0, again.output
    assert "sent 0 (local), 0 to retry" in again.output
