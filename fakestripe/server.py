"""FakeStripe: the fake served on a loopback port in a thread, for tests and `make run`."""

from __future__ import annotations

import secrets
import threading
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server

from fakestripe.api import create_api
from fakestripe.objects import Objects
from fakestripe.webhooks import Courier, payload_of, signature

TEST_KEY = "sk_test_fakestripe"


class _Quiet(WSGIRequestHandler):
    def log_request(self, *_: object) -> None:  # tests and the demo need no access log
        pass


class FakeStripe:
    """A running fake: its base URL, the webhook secret it signs with, what it recorded.

    With a `webhook_url`, events go to it over HTTP as they happen, like Stripe's. Without
    one, they are only recorded in `events`, and a test delivers them itself (in any
    order, any number of times) with `payload` and `signature`.
    """

    def __init__(self, webhook_url: str | None = None, *, webhook_secret: str | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        self.secret_key = TEST_KEY
        self.webhook_secret = webhook_secret or f"whsec_{secrets.token_hex(16)}"
        self.objects = Objects()
        self.courier = Courier(webhook_url, self.webhook_secret) if webhook_url else None
        self._server = make_server(host, port, create_api(self.objects, lambda: self.url,
                                                          self._send), threaded=True,
                                   request_handler=_Quiet)
        self.url = f"http://{host}:{self._server.server_port}"
        # Polls for `stop` every 50 ms (not socketserver's 0.5 s): the tests stop one a test.
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="fakestripe", daemon=True)

    def start(self) -> FakeStripe:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)
        if self.courier:
            self.courier.close()

    def __enter__(self) -> FakeStripe:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.objects.events

    def send_webhooks_to(self, url: str) -> None:
        """Post webhooks to this URL from now on (for an app started after the fake)."""
        if self.courier:
            self.courier.close()
        self.courier = Courier(url, self.webhook_secret)

    def drain(self) -> None:
        """Wait until the webhooks sent so far have been delivered."""
        if self.courier:
            self.courier.drain()

    # For tests: act as the buyer on the payment page, and build signed deliveries.

    def pay(self, session_id: str) -> list[dict[str, Any]]:
        return self._sent(self.objects.pay(session_id))

    def decline(self, session_id: str) -> list[dict[str, Any]]:
        return self._sent(self.objects.decline(session_id))

    def refund(self, payment_intent: str, amount: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"payment_intent": payment_intent}
        if amount is not None:
            params["amount"] = str(amount)
        _refund, event = self.objects.refund(params)
        return self._sent([event])[0]

    def event_with(self, kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        """A made-up event about an object (e.g. a tampered session), recorded, not sent."""
        with self.objects.lock:
            return self.objects.event(kind, obj)

    @staticmethod
    def payload(event: dict[str, Any]) -> bytes:
        return payload_of(event)

    def signature(self, payload: bytes, timestamp: int | None = None,
                  secret: str | None = None) -> str:
        return signature(payload, secret or self.webhook_secret, timestamp)

    def _sent(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for event in events:
            self._send(event)
        return events

    def _send(self, event: dict[str, Any]) -> None:
        if self.courier:
            self.courier.send(event)
