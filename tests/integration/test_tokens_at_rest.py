"""Issue 14, point 4: no token that opens anything is stored readable, on both stores.

The tracking and invitation tokens travel in the mails and nowhere else in clear: the
database keeps their digests, and their ciphertext (under a key from the environment)
only while a mail still has to carry them. Erasing the buyer closes the tracking link.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Iterator
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from marketplace.bidding.tracking import find_tracked_request
from marketplace.bootstrap import Services, bootstrap
from marketplace.errors import InvitationUnknownError, InvitationUsedError
from marketplace.outbox.texts import NO_LINK
from marketplace.ports import SteppingClock
from marketplace.sealing import token_key
from marketplace.settings import Settings
from marketplace.vault import personal_data
from tests.integration.rawstore import dump
from tests.integration.test_outbox import Kept, Refusing
from tests.story import awarded_bid, form_consortium, quoted_bid, request_quote
from tests.web.conftest import TEST_CONFIG
from web import create_app

BUYER_EMAIL = "lucia@acero-mx.example"
TRACKING = re.compile(r"/rfq/([A-Za-z0-9_-]{43})$", re.MULTILINE)
INVITATION = re.compile(r"/password/set/([A-Za-z0-9_-]{43})$", re.MULTILINE)
# Keys of this deployment, none of them the development ones, so finding one means it leaked.
VAULT_KEY = secrets.token_urlsafe(32).encode()
AUDIT_KEY = secrets.token_urlsafe(32).encode()
SESSION_KEY = secrets.token_urlsafe(32)


@pytest.fixture
def keyed(store_url: str, clock: SteppingClock) -> Iterator[Services]:
    """Services on a fresh store with keys of their own, as a deployment would set them."""
    built = bootstrap(Settings(database_url=store_url, vault_key=VAULT_KEY,
                               audit_key=AUDIT_KEY), clock=clock)
    yield built
    built.close()


def mailed(kept: Kept, link: re.Pattern[str]) -> list[str]:
    """The tokens of the links the mails carried, in the order they were sent."""
    return [found for message in kept.messages
            for found in link.findall(message.get_content())]


def token_forms(token: str) -> list[bytes]:
    """Every way a token could sit in a file and still be used: as issued (URL-safe base64),
    padded, the 32 bytes themselves, and those bytes in hex or in standard base64."""
    raw = base64.urlsafe_b64decode(token + "=")
    return [token.encode(), (token + "=").encode(), raw, raw.hex().encode(),
            raw.hex().upper().encode(), base64.b64encode(raw), json.dumps(token).encode()]


def stored_record(services: Services, ref: UUID) -> dict[str, str] | None:
    """A vault record as the table holds it, without the vault's key."""
    with services.engine.connect() as conn:
        data = conn.execute(select(personal_data.c.data)
                            .where(personal_data.c.ref == str(ref))).scalar()
    return json.loads(data) if data else None


def web(services: Services) -> FlaskClient:
    return create_app(services=services,
                      config={**TEST_CONFIG, "SECRET_KEY": SESSION_KEY}).test_client()


def test_a_copy_of_the_store_holds_no_usable_token(keyed: Services) -> None:
    app = keyed.marketplace
    bid = quoted_bid(app, form_consortium(app))
    account = app.invite_account(name="Lucía Pérez", email="lucia@sodercan.example",
                                 grants=[("auditor", "")])
    kept = Kept()
    keyed.outbox.transport = kept
    keyed.outbox.send_due(app.clock.now())
    client = web(keyed)  # the web's own writes too (a refused sign-in, a session)
    assert client.post("/login", data={"email": "lucia@sodercan.example",
                                       "password": "not hers"}).status_code == 401

    # The mails carried the links: the receipt and the quote the tracking link, once each.
    tracking = mailed(kept, TRACKING)
    [invitation] = mailed(kept, INVITATION)
    assert len(tracking) == 2 and len(set(tracking)) == 1
    token = tracking[0]
    raw = dump(keyed)

    assert BUYER_EMAIL.encode() in raw  # the copy does hold the vault's records
    for form in [*token_forms(token), *token_forms(invitation)]:
        assert form not in raw, form
    sealing = token_key(VAULT_KEY)
    secrets_of_the_deployment = [VAULT_KEY, AUDIT_KEY, SESSION_KEY.encode(), sealing,
                                 base64.urlsafe_b64decode(sealing)]
    for secret in secrets_of_the_deployment:
        assert secret not in raw
    # What the store holds instead: the tracking token sealed, while its RFQ is open, and
    # the invitation's ciphertext not at all, its mail being sent.
    buyer = stored_record(keyed, app.get_bid(bid).buyer)
    assert buyer is not None and set(buyer) == {"name", "email", "language", "sealed_token"}
    invitee = app.invitation(invitation).invitee
    assert set(stored_record(keyed, invitee) or {}) == {"name", "email", "language"}

    # And the mailed links still work: the copy lacked them, not the buyer or the invitee.
    assert find_tracked_request(keyed.engine, token)["bid_id"] == str(bid)  # type: ignore[index]
    assert client.get(f"/rfq/{token}").status_code == 200
    assert app.accept_invitation(invitation, "a password of my own") == account
    with pytest.raises(InvitationUsedError):
        app.accept_invitation(invitation, "another password")


def test_erasing_the_buyer_makes_the_tracking_link_a_404(keyed: Services) -> None:
    app = keyed.marketplace
    formed = form_consortium(app)
    bid = quoted_bid(app, formed)
    other = request_quote(app, formed.consortium, contact_email="compras@fjord.example")
    kept = Kept()
    keyed.outbox.transport = kept
    keyed.outbox.send_due(app.clock.now())
    token, _, other_token = mailed(kept, TRACKING)  # receipt, quote ready; the other receipt
    client = web(keyed)
    assert client.get(f"/rfq/{token}").status_code == 200
    assert client.get(f"/api/v1/rfqs/{token}").status_code == 200

    app.erase_personal_data(BUYER_EMAIL, "The buyer asked.")

    for _replayed in (False, True):
        assert client.get(f"/rfq/{token}").status_code == 404
        assert client.get(f"/api/v1/rfqs/{token}").status_code == 404
        assert client.post(f"/rfq/{token}/accept", data={"confirm": "yes"}).status_code == 404
        assert client.get(f"/rfq/{other_token}").status_code == 200  # another buyer's opens
        keyed.projector.rebuild()  # the read models replayed from the events say the same
    assert app.get_bid(bid).status == "quoted"  # the history is untouched
    assert find_tracked_request(keyed.engine, other_token)["bid_id"] == str(other)  # type: ignore[index]


def test_the_tracking_token_goes_when_the_rfq_ends_and_its_mails_are_out(
    keyed: Services,
) -> None:
    app = keyed.marketplace
    formed = form_consortium(app)
    kept = Kept()
    keyed.outbox.transport = kept
    # Ended after its receipt went: kept for the mail saying why, destroyed once it went.
    early = request_quote(app, formed.consortium)
    keyed.outbox.send_due(app.clock.now())
    assert "sealed_token" in (stored_record(keyed, app.get_bid(early).buyer) or {})
    app.decline_rfq(early, "No capacity this quarter.")
    assert "sealed_token" in (stored_record(keyed, app.get_bid(early).buyer) or {})
    kept.messages.clear()
    keyed.outbox.send_due(app.clock.now())
    assert len(mailed(kept, TRACKING)) == 1  # the decline, with its reason and the link
    assert stored_record(keyed, app.get_bid(early).buyer) == {
        "name": "Lucía Hernández", "email": BUYER_EMAIL, "language": "en"}
    # Ended before its receipt went: both mails still carry the link, then it goes.
    late = request_quote(app, formed.consortium)
    app.decline_rfq(late, "No capacity this quarter.")
    assert "sealed_token" in (stored_record(keyed, app.get_bid(late).buyer) or {})
    kept.messages.clear()
    keyed.outbox.send_due(app.clock.now())
    assert len(mailed(kept, TRACKING)) == 2
    assert "sealed_token" not in (stored_record(keyed, app.get_bid(late).buyer) or {})
    # A contract: every mail to the buyer carries the link until the contract is complete.
    awarded = awarded_bid(app, formed)
    kept.messages.clear()
    keyed.outbox.send_due(app.clock.now())
    assert len(mailed(kept, TRACKING)) == 4  # received, quote ready, accepted, awarded
    assert "sealed_token" in (stored_record(keyed, app.get_bid(awarded).buyer) or {})
    app.deliver_milestone(awarded, "Hull blocks delivered", "installation")
    app.complete_contract(awarded)
    assert "sealed_token" not in (stored_record(keyed, app.get_bid(awarded).buyer) or {})


def test_a_mail_due_once_the_token_is_gone_goes_without_the_link(keyed: Services) -> None:
    app = keyed.marketplace
    bid = request_quote(app, form_consortium(app).consortium)
    assert app.vault.destroy_tokens(app.get_bid(bid).buyer)
    kept = Kept()
    keyed.outbox.transport = kept

    assert keyed.outbox.send_due(app.clock.now()).sent >= 1

    [receipt] = [m for m in kept.messages if m["To"].addresses[0].addr_spec == BUYER_EMAIL]
    body = receipt.get_content()
    assert "/rfq/" not in body
    assert " ".join(NO_LINK["en"].split()) in " ".join(body.split())


def test_the_invitation_s_ciphertext_stays_until_its_mail_is_sent(keyed: Services) -> None:
    app = keyed.marketplace
    app.invite_account(name="Lucía Pérez", email="lucia@sodercan.example",
                       grants=[("auditor", "")])
    [row] = [r for r in keyed.outbox.mails() if r.kind == "invitation"]
    assert row.letter is not None
    [token] = INVITATION.findall(row.letter.body)
    invitee = app.invitation(token).invitee
    assert "sealed_invitation" in (stored_record(keyed, invitee) or {})

    keyed.outbox.transport = Refusing()
    assert keyed.outbox.send_due(app.clock.now()).retried == 1
    assert "sealed_invitation" in (stored_record(keyed, invitee) or {})  # to be tried again
    kept = Kept()
    keyed.outbox.transport = kept
    app.clock.advance(hours=1)
    assert keyed.outbox.send_due(app.clock.now()).sent == 1

    assert mailed(kept, INVITATION) == [token]
    assert stored_record(keyed, invitee) == {"name": "Lucía Pérez",
                                             "email": "lucia@sodercan.example",
                                             "language": "en"}
    # The outbox page can no longer show the link; the link itself works, once.
    [shown] = [r for r in keyed.outbox.mails() if r.kind == "invitation"]
    assert shown.letter is not None and "/password/set/" not in shown.letter.body
    invitee_browser = web(keyed)
    assert invitee_browser.get(f"/password/set/{token}").status_code == 200
    chosen = {"password": "a password of my own", "confirm": "a password of my own"}
    assert invitee_browser.post(f"/password/set/{token}", data=chosen).status_code == 303
    assert web(keyed).post(f"/password/set/{token}", data=chosen).status_code == 410
    with pytest.raises(InvitationUsedError):
        app.accept_invitation(token, "a password of my own")
    with pytest.raises(InvitationUnknownError):
        app.invitation("A" * 43)
