"""MailPreferences: a known, ordered choice, and one event for each mail opted in or out."""

from __future__ import annotations

from uuid import UUID

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain import clock
from domain.mail_preferences import MAIL_KINDS, MailPreferences
from tests.unit.properties.support import START, assert_replays, attempt

KINDS = st.lists(st.sampled_from([*MAIL_KINDS, *MAIL_KINDS, "spam"]), max_size=4)


class MailPreferencesMachine(RuleBasedStateMachine):
    """Random changes of one person's mail choice."""

    @initialize(wanted=st.lists(st.sampled_from(MAIL_KINDS), unique=True))
    def choose(self, wanted: list[str]) -> None:
        with clock.occurring_at(START):
            self.preferences = MailPreferences.choose(UUID(int=20), wanted)

    @rule(wanted=KINDS)
    def choose_again(self, wanted: list[str]) -> None:
        before, events = set(self.preferences.wanted), len(self.preferences.pending_events)
        refusal = attempt(self.preferences, lambda: self.preferences.choose_again(wanted))
        if refusal is None:
            assert set(self.preferences.wanted) == set(wanted)
            changed = before ^ set(wanted)
            assert len(self.preferences.pending_events) - events == len(changed)

    @invariant()
    def the_choice_is_known_and_in_order(self) -> None:
        assert self.preferences.wanted == [k for k in MAIL_KINDS if k in self.preferences.wanted]

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.preferences)


TestMailPreferences = MailPreferencesMachine.TestCase
