"""A background thread that keeps the outbox moving while the server runs."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from marketplace.ports import Clock

if TYPE_CHECKING:
    from marketplace.outbox import Outbox, SendReport

log = logging.getLogger(__name__)


class MailWorker:
    """Every few seconds: write the mails of new events (any process's), then send the due."""

    def __init__(self, outbox: Outbox, clock: Clock, interval: float = 5.0) -> None:
        self.outbox = outbox
        self.clock = clock
        self.interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mail-worker", daemon=True)

    def tick(self) -> SendReport:
        """One round: catch up with the log, look for deadlines, then send what is due now."""
        self.outbox.catch_up()
        now = self.clock.now()
        self.outbox.write_due_notices(now)
        return self.outbox.send_due(now)

    def start(self) -> MailWorker:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to stop after its current round, and wait for it."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.tick()
            except Exception:  # a database hiccup must not end mail for the server's life
                log.exception("the mail worker's round failed; it tries again")
            self._stopping.wait(self.interval)
