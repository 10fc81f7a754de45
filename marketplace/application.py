"""The Marketplace: one eventsourcing Application whose methods are the users' commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.persistence import JSONTranscoder

from domain.bid import Bid
from domain.company import Company
from domain.consortium import Consortium
from domain.membership import Membership
from domain.references import ReferenceBook
from marketplace import transcodings
from marketplace.accounts.commands import AccountCommands
from marketplace.accounts.credentials import Credentials
from marketplace.accounts.session_commands import SessionCommands
from marketplace.accounts.sessions import SessionStore
from marketplace.agencies.commands import AgencyCommands
from marketplace.audit.chain import Chain
from marketplace.audit.history import HistoryQueries
from marketplace.bidding.commands import BiddingCommands
from marketplace.bidding.desk import DeskCommands
from marketplace.bidding.exchange import ExchangeCommands
from marketplace.buyers.commands import BuyerCommands
from marketplace.buyers.links import SignInLinks
from marketplace.commanding import project
from marketplace.documents.commands import DocumentCommands
from marketplace.fees.commands import FeeCommands
from marketplace.formation.commands import FormationCommands
from marketplace.meetings.commands import MeetingCommands
from marketplace.membership.commands import MembershipCommands
from marketplace.memory_vault import MemoryVault
from marketplace.outbox.commands import MailCommands
from marketplace.ports import Clock, PersonalDataVault, SystemClock
from marketplace.privacy.commands import PrivacyCommands
from marketplace.schema_lock import schema_lock
from marketplace.serial import SerialSections
from marketplace.storefront.commands import OfferTextCommands

# Snapshots keep long-lived aggregates quick to load however long their history grows.
# Every 20 events keeps the worst-case load within 2x of a fresh aggregate (bench B3).
SNAPSHOT_INTERVAL = 20


class Marketplace(
    FormationCommands, MembershipCommands, BiddingCommands, PrivacyCommands, AccountCommands,
    SessionCommands, DeskCommands, MailCommands, FeeCommands, OfferTextCommands, HistoryQueries,
    BuyerCommands, DocumentCommands, ExchangeCommands, MeetingCommands, AgencyCommands,
    Application[UUID],
):
    """Every user's commands, deciding through the aggregates and saving their events."""

    name = "Marketplace"
    # Recently used aggregates stay in memory; each load still reads the events saved
    # since (fast-forward), so other processes' writes are seen, and hands out a copy.
    env = {"AGGREGATE_CACHE_MAXSIZE": "1000"}  # noqa: RUF012 - read from the class
    snapshotting_intervals = {  # noqa: RUF012 - eventsourcing reads it from the class
        Consortium: SNAPSHOT_INTERVAL,
        Membership: SNAPSHOT_INTERVAL,
        Bid: SNAPSHOT_INTERVAL,
        Company: SNAPSHOT_INTERVAL,
        ReferenceBook: SNAPSHOT_INTERVAL,
    }

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock | None = None,
        vault: PersonalDataVault | None = None,
        on_saved: Callable[[int], Any] | None = None,
        passwords: Credentials | None = None,
        sessions: SessionStore | None = None,
        audit_key: bytes | None = None,
    ) -> None:
        # Building the recorders creates their tables: one process at a time (schema_lock).
        with schema_lock({**self.env, **(env or {})}):
            super().__init__(env)
        if audit_key is not None and hasattr(self.recorder, "chain"):
            # The chained recorders are built by eventsourcing's factory, which cannot pass
            # them a key: they start with the development key, and get the store's here.
            self.recorder.chain = Chain(audit_key)  # type: ignore[attr-defined]
        self.clock = clock or SystemClock()
        self.vault = vault or MemoryVault()
        self.passwords = passwords
        self.sessions = sessions
        # The buyers' one-time sign-in links live beside their sessions.
        self.buyer_links = SignInLinks(sessions.engine) if sessions is not None else None
        self.on_saved = on_saved
        # Commands that take numbers from one register queue here (the composition root
        # gives it the store's engine, so processes on PostgreSQL queue together).
        self.serial = SerialSections()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcodings.register(transcoder)

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        # eventsourcing reloads the aggregate from the store to snapshot it. The one in
        # hand, just saved, is already the state at that version: snapshot it directly.
        if self.snapshots is None:
            return
        for event in processing_event.events:
            aggregate = processing_event.aggregates.get(event.originator_id)
            interval = self.snapshotting_intervals.get(type(aggregate)) if aggregate else None
            if not interval or event.originator_version % interval:
                continue
            if aggregate is not None and aggregate.version == event.originator_version:
                snapshot_class: Any = type(aggregate).Snapshot  # type: ignore[attr-defined]
                self.snapshots.put([snapshot_class.take(aggregate)])
            else:
                self.take_snapshot(event.originator_id, event.originator_version, project)

    def _notify(self, recordings: list[Any]) -> None:
        if self._defer_notify(recordings):
            return
        self._saved_versions((r.domain_event.originator_id, r.domain_event.originator_version)
                             for r in recordings)
        # Read models follow right after each save when the composition root asks for it;
        # it is told the log position the save reached.
        if self.on_saved is not None and recordings:
            self.on_saved(max(r.notification.id for r in recordings))

    def get_consortium(self, consortium_id: UUID | str) -> Consortium:
        """One consortium as it is now."""
        return self._load(Consortium, consortium_id)

    def consortium_name(self, consortium_id: UUID | str) -> str:
        """A consortium's name as it is now, read without copying the whole aggregate."""
        return self._read(Consortium, consortium_id).name

    def get_membership(self, membership_id: UUID | str) -> Membership:
        """One membership as it is now."""
        return self._load(Membership, membership_id)

    def get_bid(self, bid_id: UUID | str) -> Bid:
        """One bid as it is now."""
        return self._load(Bid, bid_id)

    def get_company(self, company_id: UUID | str) -> Company:
        """One company profile as it is now."""
        return self._load(Company, company_id)

    def reveal_person(self, ref: UUID) -> dict[str, str] | None:
        """A person's name and e-mail, or None once erased."""
        return self.vault.reveal(ref)

    def erase_person(self, ref: UUID) -> bool:
        """Erase a person's data on request; the events keep only the reference."""
        return self.vault.erase(ref)
