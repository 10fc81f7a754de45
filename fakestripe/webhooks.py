"""Webhooks signed as Stripe signs them, and delivered in order on a thread of their own."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from typing import Any


def signature(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header: t=<unix time>,v1=<HMAC-SHA256 of "t.payload">."""
    stamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{stamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def payload_of(event: dict[str, Any]) -> bytes:
    return json.dumps(event, indent=2, sort_keys=True).encode()


class Courier:
    """Posts each event to the endpoint, one after another, retrying a failure a few times."""

    ATTEMPTS = 4

    def __init__(self, url: str, secret: str, pause: float = 0.2) -> None:
        self.url = url
        self.secret = secret
        self.pause = pause
        self.answers: list[tuple[str, int]] = []  # (event id, HTTP status), for tests
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="fakestripe-webhooks",
                                        daemon=True)
        self._thread.start()

    def send(self, event: dict[str, Any]) -> None:
        self._queue.put(event)

    def drain(self) -> None:
        """Wait until every queued event has been delivered or given up on."""
        self._queue.join()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            event = self._queue.get()
            try:
                if event is None:
                    return
                self._deliver(event)
            finally:
                self._queue.task_done()

    def _deliver(self, event: dict[str, Any]) -> None:
        payload = payload_of(event)
        for attempt in range(self.ATTEMPTS):
            status = self.post(payload)
            self.answers.append((event["id"], status))
            if 200 <= status < 300:
                return
            time.sleep(self.pause * (attempt + 1))

    def post(self, payload: bytes, header: str | None = None) -> int:
        """POST one payload with a fresh signature; the HTTP status (0 if unreachable)."""
        request = urllib.request.Request(self.url, data=payload, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "Stripe-Signature": header or signature(payload, self.secret)})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except OSError:
            return 0
