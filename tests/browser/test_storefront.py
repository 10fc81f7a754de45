"""features/storefront.feature in real Chromium against the served app: the world it starts
from; the steps live in one module per page the buyer goes through."""

from __future__ import annotations

import pytest
from pytest_bdd import given, scenarios

# pytest-bdd finds steps in the test module's namespace; a star import is its documented
# way of sharing them from other modules.
from tests.browser.buyer import ASTURIAN, INSTALLER, MAKER
from tests.browser.catalog_steps import *  # noqa: F403
from tests.browser.conftest import LiveSite
from tests.browser.quote_steps import *  # noqa: F403
from tests.browser.rfq_steps import *  # noqa: F403
from tests.story import form_consortium

scenarios("storefront.feature")

# pytest-playwright's stand-in for pytest-base-url trips a pytest deprecation; not ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


@given("the Metal Export Consortium offers every stage from design to installation")
def metal_consortium(live_site: LiveSite) -> None:
    live_site.consortia[INSTALLER] = form_consortium(live_site.services.marketplace,
                                                     slug="metal")


@given("the Fittings Export Consortium offers only manufacturing and logistics")
def fittings_consortium(live_site: LiveSite) -> None:
    app = live_site.services.marketplace
    formed = form_consortium(app, slug="fittings", members=4, publish=False,
                             stages_by_member=[["manufacturing"], ["logistics"]])
    app.publish_offer(formed.consortium, ["manufacturing", "logistics"],
                      "Valves and pipe fittings, made and shipped.")
    live_site.consortia[MAKER] = formed


@given("the Naval Export Consortium of Asturias offers every stage from design to installation")
def asturian_consortium(live_site: LiveSite) -> None:
    live_site.consortia[ASTURIAN] = form_consortium(live_site.services.marketplace,
                                                    slug="naval", region="ES-AS")
