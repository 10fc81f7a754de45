"""Company: a profile always has a name, a sensible head count and a web address or none."""

from __future__ import annotations

from uuid import UUID

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain import clock
from domain.company import Company
from tests.story import METAL
from tests.unit.properties.support import START, TEXTS, assert_replays, attempt

EMPLOYEES = st.one_of(st.integers(1, 500), st.integers(-5, 200_000), st.just(True),
                      st.just("40"))
WEBSITES = st.one_of(st.sampled_from(["", "https://acero.example", "http://old.example",
                                      "acero.example", "  https://x.example  "]),
                     st.text(max_size=20), st.just("https://" + "a" * 400))


class CompanyMachine(RuleBasedStateMachine):
    """Random revisions of one firm's profile."""

    @initialize()
    def register(self) -> None:
        with clock.occurring_at(START):
            self.company = Company.register(
                tax_id="ESB39000001", name="Aceros del Norte", region="ES-CB", sector=METAL,
                employees=40, summary="Precision steelwork.")

    @rule(name=TEXTS, employees=EMPLOYEES, summary=TEXTS, website=WEBSITES)
    def revise(self, name: str, employees: int, summary: str, website: str) -> None:
        attempt(self.company, lambda: self.company.revise_profile(
            name=name, employees=employees, summary=summary, website=website))

    @rule(person=st.integers(1, 3))
    def name_contact(self, person: int) -> None:
        attempt(self.company, lambda: self.company.name_contact(UUID(int=person)))

    @invariant()
    def the_profile_stays_well_formed(self) -> None:
        c = self.company
        assert c.name == " ".join(c.name.split()) and 0 < len(c.name) <= 120
        assert 0 < len(c.summary) <= 2000
        assert type(c.employees) is int and 1 <= c.employees <= 100_000
        assert c.website == "" or c.website.startswith(("https://", "http://"))
        assert len(c.website) <= 200 and c.website == c.website.strip()

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.company)


TestCompany = CompanyMachine.TestCase
