"""Account: grants are valid and unique, and a closed account changes no more."""

from __future__ import annotations

from uuid import UUID

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain import clock
from domain.account import ROLES, Account, Grant
from domain.errors import AccountClosedError
from tests.unit.properties.support import START, assert_replays, attempt

SCOPES = st.sampled_from(["", str(UUID(int=11)), str(UUID(int=12))])
ROLE_NAMES = st.sampled_from([*ROLES, "admin"])


class AccountMachine(RuleBasedStateMachine):
    """Random grants, revocations, invitations and closing of one account."""

    @initialize()
    def open(self) -> None:
        with clock.occurring_at(START):
            self.account = Account.open(UUID(int=10), [Grant("officer")])
        self.closed = False

    def _do(self, command) -> None:
        refusal = attempt(self.account, command)
        if self.closed:
            assert isinstance(refusal, AccountClosedError | ValueError), "a closed account acted"

    @rule(role=ROLE_NAMES, scope=SCOPES)
    def grant(self, role: str, scope: str) -> None:
        self._do(lambda: self.account.grant(Grant(role, scope)))

    @rule(role=ROLE_NAMES, scope=SCOPES)
    def revoke(self, role: str, scope: str) -> None:
        self._do(lambda: self.account.revoke(Grant(role, scope)))

    @rule()
    def invite(self) -> None:
        self._do(lambda: self.account.invite(UUID(int=13)))

    @rule()
    def close(self) -> None:
        self._do(self.account.close)
        self.closed = self.account.closed

    @invariant()
    def grants_are_valid_and_unique(self) -> None:
        grants = [Grant(**g) for g in self.account.grants]  # each still a valid grant
        assert len(set(grants)) == len(grants)

    @invariant()
    def closing_is_final(self) -> None:
        assert self.account.closed == self.closed

    @invariant()
    def state_is_what_the_events_add_up_to(self) -> None:
        assert_replays(self.account)


TestAccount = AccountMachine.TestCase
