"""Security headers on every response, no inline script or style, HSTS and the proxy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from marketplace.errors import ConfigurationError
from marketplace.settings import Settings
from tests.web.conftest import TEST_CONFIG
from web import create_app
from web.authz import public

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
# onclick=, onload=... and htmx's hx-on (it runs through eval, which the CSP forbids)
HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.I)
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
PAGES = ["/", "/login", "/static/css/site.css", "/static/js/app.js", "/no/such/page",
         "/api/v1/consortia", "/api/v1/nothing-here"]


def _directives(policy: str) -> dict[str, str]:
    pairs = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {name: value for name, value in pairs}


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    csp = _directives(response.headers["Content-Security-Policy"])
    assert csp["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_hsts_is_sent_over_https_only(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_behind_a_trusted_proxy_hsts_follows_the_forwarded_scheme(services: Services) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    direct = create_app(services=services, config=TEST_CONFIG).test_client()
    # Without CONSORTIA_PROXY_HOPS anyone could send the header: it is ignored.
    assert "Strict-Transport-Security" not in direct.get("/", headers=forwarded).headers
    proxied = create_app(services=services, config={**TEST_CONFIG, "PROXY_HOPS": 1})
    answer = proxied.test_client().get("/", headers=forwarded)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_the_proxy_hops_come_from_the_environment(services: Services) -> None:
    settings = Settings.from_env({"CONSORTIA_PROXY_HOPS": "1"})
    proxied = create_app(services=services, config=TEST_CONFIG, settings=settings).test_client()
    answer = proxied.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in answer.headers
    with pytest.raises(ConfigurationError, match="CONSORTIA_PROXY_HOPS must be a number"):
        Settings.from_env({"CONSORTIA_PROXY_HOPS": "all of them"})


def test_a_view_keeps_a_stricter_header_of_its_own(services: Services) -> None:
    app = create_app(services=services, config=TEST_CONFIG)
    app.add_url_rule("/private", "private",
                     public(lambda: ("token page", 200, {"Referrer-Policy": "no-referrer"})))
    assert app.test_client().get("/private").headers["Referrer-Policy"] == "no-referrer"


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_template_holds_inline_script_or_style() -> None:
    found = []
    for path in _templates():
        text = JINJA_COMMENT.sub("", path.read_text())  # a comment is never sent
        for pattern in (INLINE_SCRIPT, HANDLER, INLINE_STYLE, re.compile("javascript:", re.I)):
            found += [f"{path.relative_to(TEMPLATES)}: {hit.group(0).strip()}"
                      for hit in pattern.finditer(text)]
    assert found == []
    assert len(_templates()) > 50  # the scan saw the templates


def test_the_scan_would_see_inline_script_and_style() -> None:
    assert HANDLER.search('<button type="button" onclick="window.print()">')
    assert HANDLER.search('<div hx-on::before-swap="x">')
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert INLINE_STYLE.search('<pre style="white-space: pre-wrap">')
    assert not HANDLER.search("<button data-print>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/app.js" defer></script>')


def test_htmx_is_told_not_to_eval_or_inject_styles(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    assert config is not None
    assert '"allowEval": false' in config.group(1)
    assert '"includeIndicatorStyles": false' in config.group(1)
    # Every script the page loads is a file of ours.
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all('src="/static/js/' in tag for tag in scripts)
    assert 'src="/static/js/app.js"' in page


def test_the_behaviour_moved_out_of_the_templates_is_in_app_js(client: FlaskClient) -> None:
    script = client.get("/static/js/app.js").get_data(as_text=True)
    assert "data-print" in script and "window.print()" in script
    assert "htmx:beforeSwap" in script and "data-swap-statuses" in script
    formation = (TEMPLATES / "agency" / "_partials" / "formation.html").read_text()
    assert 'data-swap-statuses="409 422"' in formation
    assert "data-print" in (TEMPLATES / "payments" / "receipt.html").read_text()


def test_htmx_indicator_rules_are_in_our_stylesheet(client: FlaskClient) -> None:
    css = client.get("/static/css/site.css").get_data(as_text=True)
    assert ".htmx-indicator { opacity: 0; }" in css
    assert ".htmx-request .htmx-indicator" in css
