"""HTTP caching of the anonymous pages: strong ETags, 304s, Cache-Control, Vary.

On both stores, with the page cache on (kept pages answered before Flask, by
web/keptpages.py) and off (every page rendered, the ETag still from its identity).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

PAGES = ("/", "/consortia/metal", "/?stage=installation")


@pytest.fixture
def world(store_url: str) -> Iterator[Services]:
    built = bootstrap(store_url, clock=SteppingClock(START))
    form_consortium(built.marketplace, slug="metal")
    yield built
    built.close()


@pytest.fixture(params=[256, 0], ids=["kept", "rendered"])
def app(request: pytest.FixtureRequest, world: Services) -> Flask:
    return create_app(services=world, config={**TEST_CONFIG, "PAGE_CACHE_SIZE": request.param})


def test_an_anonymous_page_is_public_for_a_few_seconds_and_revalidates(app: Flask) -> None:
    client = app.test_client()
    for path in PAGES:
        first = client.get(path)
        etag = first.headers["ETag"]
        assert etag.startswith('"') and not etag.startswith("W/"), path
        assert first.headers["Cache-Control"] == "public, max-age=5"
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b"", path
        assert again.headers["ETag"] == etag
        assert again.headers["Cache-Control"] == "public, max-age=5"
        assert set(again.vary) >= {"HX-Request", "HX-History-Restore-Request",
                                   "Accept-Language", "Cookie"}
        listed = client.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
        assert listed.status_code == 304, path


def test_the_etag_changes_when_a_command_is_projected(app: Flask, world: Services) -> None:
    client = app.test_client()
    before = {path: client.get(path).headers["ETag"] for path in PAGES}
    form_consortium(world.marketplace, slug="agri")  # commands, projected inline
    for path, etag in before.items():
        after = client.get(path, headers={"If-None-Match": etag})
        assert after.status_code == 200, path
        assert after.headers["ETag"] != etag, path
    assert "Agri Export Consortium" in client.get("/").get_data(as_text=True)


VARIANTS = {  # how each is asked: headers, language cookie; and what it is
    "english": ({"Accept-Language": "en"}, None, ("en", "page")),
    "german by header": ({"Accept-Language": "de"}, None, ("de", "page")),
    "german by cookie": ({"Accept-Language": "en"}, "de", ("de", "page")),
    "fragment": ({"HX-Request": "true"}, None, ("en", "fragment")),
    "history restore": ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, None,
                        ("en", "restore")),
}


def _ask(app: Flask, path: str, variant: str, etag: str | None = None):  # type: ignore[no-untyped-def]
    headers, cookie, _what = VARIANTS[variant]
    client = app.test_client()
    if cookie:
        client.set_cookie("lang", cookie)
    return client.get(path, headers={**headers, **({"If-None-Match": etag} if etag else {})})


@pytest.mark.parametrize("path", PAGES)
def test_a_304_is_never_served_across_languages_or_fragments(app: Flask, path: str) -> None:
    first = {name: _ask(app, path, name) for name in VARIANTS}
    for name, response in first.items():  # asked twice: the second from the kept pages
        again = _ask(app, path, name)
        assert again.get_data() == response.get_data() and again.headers["ETag"] == \
            response.headers["ETag"], name
    assert b'<html lang="de">' in first["german by header"].get_data()
    assert b'<html lang="en">' in first["history restore"].get_data()
    if path.startswith("/?") or path == "/":  # the catalog answers htmx with its results
        assert b"<html" not in first["fragment"].get_data()
    for name, (_headers, _cookie, what) in VARIANTS.items():
        for other, (_h, _c, other_what) in VARIANTS.items():
            answer = _ask(app, path, name, first[other].headers["ETag"])
            if what == other_what:  # the same page, whichever way its language was chosen
                assert answer.status_code == 304, (name, other)
                continue
            assert answer.status_code == 200, (name, other)
            assert answer.headers["ETag"] != first[other].headers["ETag"], (name, other)
            assert answer.get_data() == first[name].get_data(), (name, other)


def test_signed_in_gets_no_validator_and_no_304(app: Flask, world: Services) -> None:
    anonymous = app.test_client().get("/")
    client = app.test_client()
    sign_in(client, world, "officer")
    for path in PAGES:
        response = client.get(path, headers={"If-None-Match": anonymous.headers["ETag"]})
        assert response.status_code == 200, path
        assert "ETag" not in response.headers, path
        assert response.headers["Cache-Control"] == "no-store", path
        assert b"Test Officer" in response.get_data(), path


def test_a_visitor_with_a_session_gets_the_same_page_and_validator(app: Flask) -> None:
    client = app.test_client()
    client.get("/consortia/metal/rfq")  # the form's CSRF token opens a session
    assert client.get_cookie("session") is not None
    fresh = app.test_client().get("/consortia/metal")
    with_session = client.get("/consortia/metal")
    assert with_session.get_data() == fresh.get_data()
    assert with_session.headers["ETag"] == fresh.headers["ETag"]
    assert client.get("/consortia/metal", headers={
        "If-None-Match": fresh.headers["ETag"]}).status_code == 304


def test_https_answers_are_kept_apart_from_plain_ones(app: Flask) -> None:
    client = app.test_client()
    for _ in range(2):  # the second time from the kept pages, when they are on
        secure = client.get("/", base_url="https://localhost")
        plain = client.get("/")
        assert "Strict-Transport-Security" in secure.headers
        assert "Strict-Transport-Security" not in plain.headers
        assert secure.headers["ETag"] != plain.headers["ETag"]


def test_a_kept_page_is_answered_before_flask_with_every_header(world: Services) -> None:
    app = create_app(services=world, config=TEST_CONFIG)
    hooks: list[str] = []
    app.before_request(lambda: hooks.append("flask"))
    client = app.test_client()
    rendered = client.get("/consortia/metal")
    kept = client.get("/consortia/metal")
    head = client.head("/consortia/metal")
    assert hooks == ["flask"]  # the second and third never reached Flask
    assert kept.get_data() == rendered.get_data() and head.get_data() == b""
    assert sorted(kept.headers.items()) == sorted(rendered.headers.items())
    assert kept.headers["Content-Security-Policy"].startswith("default-src 'self'")
    not_modified = client.get("/consortia/metal", headers={"If-None-Match": kept.headers["ETag"]})
    assert not_modified.status_code == 304 and hooks == ["flask"]
    # A cookie the fast path does not know (maybe a session) goes through Flask.
    client.set_cookie("session", "not-a-session")
    assert client.get("/consortia/metal").get_data() == rendered.get_data()
    assert hooks == ["flask", "flask"]
