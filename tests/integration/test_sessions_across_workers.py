"""Real `consortia serve --workers 2`: a cookie copied before sign-out is refused after it.

Gunicorn hands each new connection to whichever worker takes it, so the copy is sent
many times, each on a connection of its own: before the sign-out every answer is the
workspace, after it every answer sends the copy to the sign-in page, whichever worker
answered and whichever one ended the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from marketplace.bootstrap import bootstrap
from tests.integration.scale.cluster import Cluster
from tests.integration.scale.load import _CSRF, TIMEOUT, signed_in
from tests.web.signin import PASSWORD, open_account

TRIES = 12
pytestmark = pytest.mark.slow


@pytest.fixture
def cluster(store_url: str, tmp_path: Path) -> Iterator[Cluster]:
    running = Cluster(store_url, tmp_path)
    try:
        yield running
    finally:
        running.close()


def answers_to_a_copy(base: str, cookie: str) -> set[str]:
    """What the workspace answers to a copy of the cookie, on fresh connections."""
    seen = set()
    for _ in range(TRIES):
        response = requests.get(f"{base}/workspace/", cookies={"session": cookie},
                                headers={"Connection": "close"}, allow_redirects=False,
                                timeout=TIMEOUT)
        if response.status_code == 200:
            seen.add("workspace")
        elif response.status_code in (302, 303) and \
                response.headers["Location"].startswith("/login"):
            seen.add("sign-in")
        else:
            seen.add(str(response.status_code))
    return seen


def test_a_cookie_copied_before_sign_out_is_refused_by_every_worker_after_it(
        store_url: str, cluster: Cluster) -> None:
    services = bootstrap(store_url)
    try:
        _account, email = open_account(services, "officer")
    finally:
        services.close()
    base = cluster.start_web(workers=2)
    assert len(cluster.web_workers(int(base.rpartition(":")[2]))) == 2
    owner = signed_in(base, email, PASSWORD)
    copied = owner.cookies["session"]
    assert answers_to_a_copy(base, copied) == {"workspace"}

    page = owner.get(f"{base}/workspace/", timeout=TIMEOUT).text
    token = _CSRF.search(page)
    assert token, page[:500]
    out = owner.post(f"{base}/logout", data={"csrf_token": token.group(1)},
                     allow_redirects=False, timeout=TIMEOUT)
    assert out.status_code == 303

    assert answers_to_a_copy(base, copied) == {"sign-in"}
