"""The composition root: builds the application, read models and adapters from settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from marketplace.application import Marketplace
from marketplace.credentials import Credentials
from marketplace.outbox import MailSettings, Outbox
from marketplace.payments import Payments
from marketplace.payments.gateway import PaymentGateway
from marketplace.payments.stripe_gateway import gateway_from_env
from marketplace.ports import Clock, MailTransport
from marketplace.projector import Projector
from marketplace.schema_lock import schema_lock
from marketplace.settings import Store, database_url, parse_store, prepare
from marketplace.vault import SqlVault


@dataclass
class Services:
    """Everything a front end (web, CLI, tests) needs, built once."""

    store: Store
    marketplace: Marketplace
    projector: Projector
    engine: Engine
    outbox: Outbox
    payments: Payments | None = None  # None: card payments are off (no Stripe key)

    def close(self) -> None:
        self.marketplace.close()
        self.engine.dispose()


def make_engine(store: Store) -> Engine:
    """The SQLAlchemy engine for read models and the vault, on the event store's database."""
    engine = create_engine(store.sqlalchemy_url, connect_args=store.connect_args,
                           pool_pre_ping=store.kind == "postgres")
    if store.kind == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            # WAL lets readers go on while the event store writes.
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            # Erased personal data is overwritten with zeros, not left in free space.
            dbapi_connection.execute("PRAGMA secure_delete=ON")

    return engine


def bootstrap(
    url: str | None = None, *, clock: Clock | None = None, inline_projection: bool = True,
    mail: MailSettings | None = None, mail_transport: MailTransport | None = None,
    payment_gateway: PaymentGateway | None = None,
) -> Services:
    """Build the services for a database URL (default: CONSORTIA_DATABASE_URL, then SQLite).

    With `inline_projection`, read models catch up right after each command, so a page
    shows what its user just did. Batch work (demo, benchmarks) turns it off and
    catches up once at the end. The outbox then follows too; batch work does not open
    it, so history loaded in bulk (the demo) is never mailed: the outbox starts at the
    head of the log the first time an interactive process opens the store.
    `payment_gateway` defaults to Stripe as STRIPE_SECRET_KEY and friends say, if set.
    """
    store = parse_store(database_url(url))
    engine = make_engine(store)
    # Each part creates its tables if missing; processes starting together take turns.
    with schema_lock(store.eventsourcing_env):
        prepare(store)
        marketplace = Marketplace(store.eventsourcing_env, clock=clock,
                                  vault=SqlVault(engine), passwords=Credentials(engine))
        projector = Projector(marketplace, engine)
        outbox = Outbox(marketplace, engine, settings=mail, transport=mail_transport)
    if inline_projection:
        outbox.open()
        marketplace.on_saved = _follow(projector, outbox)
    gateway = payment_gateway or gateway_from_env()
    payments = Payments(marketplace, engine, gateway) if gateway is not None else None
    return Services(store, marketplace, projector, engine, outbox, payments)


def _follow(projector: Projector, outbox: Outbox) -> Callable[[], None]:
    def after_save() -> None:
        projector.catch_up()
        outbox.catch_up()

    return after_save
