"""One of the buyers in the reference race: sends RFQs to one consortium as fast as it can.

Run as its own OS process by tests/integration/test_rfq_references.py. It waits for the
go file, so both buyers start together, then writes each RFQ's reference (or what
refused it) as JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import timedelta
from pathlib import Path

from marketplace.application import Marketplace
from marketplace.errors import ConflictError
from marketplace.settings import Settings, parse_store


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("url", "consortium", "ready", "go", "out"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    app = Marketplace(parse_store(args.url).eventsourcing_env,
                      audit_key=Settings.from_env().audit_key)
    app.get_consortium(args.consortium)  # connect and warm up before the start line
    Path(args.ready).touch()
    deadline = time.monotonic() + 60
    while not Path(args.go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("the go signal never came")
        time.sleep(0.001)
    results = []
    for n in range(args.count):
        try:
            bid = app.request_quote(
                args.consortium, contact_name="Lucía Hernández",
                contact_email=f"buyer{n}@acero-mx.example", organisation="Astillero del Golfo",
                country="MX", stages=["design"], specification="Steel hull blocks.",
                quantity="4", unit="blocks", incoterm="CIF", named_place="Veracruz",
                currency="EUR", quote_needed_by=app.clock.now().date() + timedelta(days=30))
            results.append(app.get_bid(bid).reference)
        except ConflictError:
            results.append("conflict")
    app.close()
    Path(args.out).write_text(json.dumps(results))


if __name__ == "__main__":
    main()
