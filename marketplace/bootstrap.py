"""The composition root: builds the application, read models and adapters from settings."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from marketplace.accounts.credentials import Credentials
from marketplace.accounts.sessions import SessionStore
from marketplace.application import Marketplace
from marketplace.audit.jobs import AuditJobs
from marketplace.documents.blobs import BlobStore
from marketplace.documents.store import blob_store_from_settings
from marketplace.fees.gateway import PaymentGateway
from marketplace.fees.payments import Payments
from marketplace.fees.stripe import gateway_from_settings
from marketplace.idempotency import IdempotencyStore
from marketplace.outbox import MailSettings, Outbox
from marketplace.outbox.settings import mail_settings
from marketplace.ports import Clock, MailTransport
from marketplace.projection.durability import ASYNC_COMMIT_OPTION, SQLITE_ASYNC_COMMIT
from marketplace.projection.projector import Projector
from marketplace.schema_lock import schema_lock
from marketplace.serial import SerialSections
from marketplace.settings import Settings
from marketplace.store import Store, prepare
from marketplace.vault import SqlVault

log = logging.getLogger(__name__)
# How long a web process waits for the projector process to apply its command.
PROJECTOR_WAIT_SECONDS = 5.0


@dataclass
class Services:
    """Everything a front end (web, CLI, tests) needs, built once."""

    store: Store
    marketplace: Marketplace
    projector: Projector
    engine: Engine
    outbox: Outbox
    audit_jobs: AuditJobs  # the auditor's checks, run by whichever process has a runner
    payments: Payments | None = None  # None: card payments are off (no Stripe key)
    blobs: BlobStore | None = None  # documents' bytes (the marketplace holds the same)
    idempotency: IdempotencyStore | None = None  # the API's and the RFQ form's one-time keys

    def close(self) -> None:
        self.marketplace.close()
        self.engine.dispose()
        self.projector.engine.dispose()


def make_engine(store: Store, *, lazy_commits: bool = False) -> Engine:
    """The SQLAlchemy engine for read models and the vault, on the event store's database.

    An engine with `lazy_commits` is for writes that a later commit of events makes
    durable, or that the log can give again (read models, the outbox's rows, their
    positions, a vault record before its event): its commits do not wait for the disk.
    marketplace/projection/durability.py says why that loses nothing.
    """
    connect_args = dict(store.connect_args)
    if lazy_commits and store.kind == "postgres":
        connect_args["options"] = " ".join(
            filter(None, [str(connect_args.get("options") or ""), ASYNC_COMMIT_OPTION]))
    engine = create_engine(store.sqlalchemy_url, connect_args=connect_args,
                           pool_pre_ping=store.kind == "postgres")
    if store.kind == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # WAL lets readers go on while the event store writes.
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            # Erased personal data is overwritten with zeros, not left in free space.
            dbapi_connection.execute("PRAGMA secure_delete=ON")
            if lazy_commits:
                dbapi_connection.execute(SQLITE_ASYNC_COMMIT)

    return engine


def bootstrap(
    settings: Settings | str | None = None, *, clock: Clock | None = None,
    inline_projection: bool = True, mail: MailSettings | None = None,
    mail_transport: MailTransport | None = None,
    payment_gateway: PaymentGateway | None = None, external_projector: bool = False,
    session_clock: Clock | None = None, blobs: BlobStore | None = None,
) -> Services:
    """Build the services the settings describe; a database URL stands for Settings with it.

    A URL (or nothing) takes every other setting at its default, never from the
    environment: only the front ends (`create_app`, the CLI) read it, through
    `Settings.from_env()`.

    With `inline_projection`, read models catch up right after each command, so a page
    shows what its user just did. Batch work (demo, benchmarks) turns it off and
    catches up once at the end. The outbox then follows too; batch work does not open
    it, so history loaded in bulk (the demo) is never mailed: the outbox starts at the
    head of the log the first time an interactive process opens the store.
    With `external_projector` (web processes beside `consortia project`), a command
    instead waits, briefly, until that projector has applied it: pages still show
    their user's own change, and only one process writes the read models.
    `payment_gateway` defaults to Stripe as the settings' Stripe key says, if set.
    Sessions time out by `session_clock`, the wall clock unless a test gives its own:
    `clock` is the business's time, which tests and the demo move on by weeks.
    Documents' bytes go to `blobs`, by default the store the settings' blob URL names.
    """
    if not isinstance(settings, Settings):
        settings = Settings(database_url=settings) if settings else Settings()
    store = settings.store
    engine = make_engine(store)
    lazy = make_engine(store, lazy_commits=True)
    # Each part creates its tables if missing; processes starting together take turns.
    with schema_lock(store.eventsourcing_env):
        prepare(store)
        marketplace = Marketplace(
            store.eventsourcing_env, clock=clock, audit_key=settings.audit_key,
            vault=SqlVault(engine, settings.vault_key, keep_engine=lazy),
            passwords=Credentials(engine, settings.vault_key),
            sessions=SessionStore(engine, settings.session_idle, settings.session_max_age,
                                  clock=session_clock))
        marketplace.programme_caps = settings.programme_caps
        marketplace.serial = SerialSections(engine)
        marketplace.blobs = blobs or blob_store_from_settings(settings)
        marketplace.document_limits = (settings.document_limit, settings.rfq_documents_limit)
        projector = Projector(marketplace, lazy)
        outbox = Outbox(marketplace, engine, settings=mail or mail_settings(settings),
                        transport=mail_transport, derived=lazy)
        audit_jobs = AuditJobs(engine)
        idempotency = IdempotencyStore(engine, settings.vault_key, clock=session_clock,
                                       claim_engine=lazy)
    if external_projector:
        marketplace.on_saved = wait_for_projector(projector)
    elif inline_projection:
        outbox.open()
        marketplace.on_saved = _follow(projector, outbox)
    gateway = payment_gateway or gateway_from_settings(settings)
    payments = Payments(marketplace, engine, gateway) if gateway is not None else None
    return Services(store, marketplace, projector, engine, outbox, audit_jobs, payments,
                    marketplace.blobs, idempotency=idempotency)


def _follow(projector: Projector, outbox: Outbox) -> Callable[[int], None]:
    def after_save(_position: int) -> None:
        projector.catch_up()
        outbox.catch_up()

    return after_save


def wait_for_projector(projector: Projector, timeout: float = PROJECTOR_WAIT_SECONDS,
                       ) -> Callable[[int], None]:
    """After a save, wait until the projector process has applied it (or `timeout` passes)."""

    def after_save(position: int) -> None:
        # The projector wakes on PostgreSQL's NOTIFY: a few milliseconds, usually.
        deadline = time.monotonic() + timeout
        while projector.position() < position:
            if time.monotonic() > deadline:
                # The event is stored either way; only the page may not show it yet.
                log.warning("the projector has not reached position %s after %.0f s; "
                            "is `consortia project` running?", position, timeout)
                return
            time.sleep(0.005)

    return after_save
