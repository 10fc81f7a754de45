"""RFQ references on both stores: one code per consortium, numbers that never repeat."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.references import ReferenceBook
from marketplace.application import Marketplace
from marketplace.bidding.queries import desk_bid, find_bid_by_reference
from marketplace.bootstrap import Services
from marketplace.settings import parse_store, prepare
from tests.story import form_consortium, request_quote

WORKER = Path(__file__).with_name("reference_worker.py")
ROOT = WORKER.parent.parent.parent


def test_each_rfq_gets_the_next_reference_of_its_consortiums_year(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app, slug="metal")
    year = app.clock.now().year
    first, second = (request_quote(app, formed.consortium) for _ in range(2))
    assert app.get_bid(first).reference == f"MEC-{year}-0001"
    assert app.get_bid(second).reference == f"MEC-{year}-0002"
    assert app.get_consortium(formed.consortium).code == "MEC"
    found = find_bid_by_reference(services.engine, f"mec-{year}-0002 ")
    assert found is not None and found["bid_id"] == str(second)
    assert desk_bid(services.engine, first)["reference"] == f"MEC-{year}-0001"
    assert find_bid_by_reference(services.engine, f"MEC-{year}-0003") is None
    app.clock.advance(days=366)
    later = request_quote(app, formed.consortium)
    assert app.get_bid(later).reference == f"MEC-{year + 1}-0001"


def test_two_consortia_with_the_same_initials_get_different_codes(app: Marketplace) -> None:
    # "Mec Export Consortium" and "Metal Export Consortium" both start as MEC.
    metal = form_consortium(app, slug="metal")
    mec = form_consortium(app, slug="mec")
    year = app.clock.now().year
    assert app.get_bid(request_quote(app, mec.consortium)).reference == f"MEC-{year}-0001"
    assert app.get_bid(request_quote(app, metal.consortium)).reference == f"MEC2-{year}-0001"
    assert app.get_bid(request_quote(app, mec.consortium)).reference == f"MEC-{year}-0002"
    codes = {app.get_consortium(f.consortium).code for f in (metal, mec)}
    assert codes == {"MEC", "MEC2"}


def test_a_refused_rfq_takes_no_number(app: Marketplace) -> None:
    formed = form_consortium(app, offer=["design"])
    with pytest.raises(Exception, match="does not offer"):
        request_quote(app, formed.consortium)
    bid = request_quote(app, formed.consortium, stages=["design"])
    assert app.get_bid(bid).reference == f"MEC-{app.clock.now().year}-0001"


def _race(url: str, consortium: str, tmp_path: Path, count: int) -> list[str]:
    go = tmp_path / "go"
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    processes = {tag: subprocess.Popen(
        [sys.executable, str(WORKER), "--url", url, "--consortium", consortium,
         "--count", str(count), "--ready", str(tmp_path / f"ready-{tag}"), "--go", str(go),
         "--out", str(tmp_path / f"out-{tag}.json")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": path}, stderr=subprocess.PIPE, text=True)
        for tag in "AB"}
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{tag}").exists() for tag in processes):
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes.values()):
            break
        time.sleep(0.01)
    go.touch()
    for tag, process in processes.items():
        _, errors = process.communicate(timeout=180)
        assert process.returncode == 0, f"buyer {tag} failed:\n{errors}"
    return [r for tag in processes
            for r in json.loads((tmp_path / f"out-{tag}.json").read_text())]


@pytest.mark.slow
def test_two_processes_requesting_at_once_never_share_a_number(
        store_url: str, tmp_path: Path) -> None:
    store = parse_store(store_url)
    prepare(store)
    app = Marketplace(store.eventsourcing_env)
    try:
        # A consortium without a code yet: the two buyers race for the code too.
        formed = form_consortium(app, offer=["design"])
        results = _race(store_url, str(formed.consortium), tmp_path, count=15)
        references = [r for r in results if r != "conflict"]
        year = app.clock.now().year
        assert len(references) == len(set(references)) > 15
        assert sorted(references) == [f"MEC-{year}-{n:04d}" for n in
                                      range(1, len(references) + 1)]
        code = app.get_consortium(formed.consortium).code
        book = app.repository.get(ReferenceBook.create_id(code))
        assert code == "MEC" and book.last == {str(year): len(references)}
    finally:
        app.close()
