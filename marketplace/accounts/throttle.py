"""Growing waits after wrong passwords, per client: a guesser slows down, the owner never.

Tries count per pair (the address signed in as, the client trying it) and per client over
every address. Past a few free tries, the client must wait before its next try is even
checked: one minute, then twice as long after each further failure, at most an hour. A
wait binds only the client that failed, so someone else's failures from other clients
never stop the owner; and an address with no account is counted exactly like one with an
account, so no answer tells which addresses exist. A pair quiet for a day starts afresh,
and a client's count over every address after an hour.

Only keyed digests are kept, never the address or the client's IP: the officers' count
of failures per account matches the password store's digest of the address.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    case,
    delete,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from marketplace.projection.batch import dialect_insert
from marketplace.projection.columns import UtcDateTime

FREE_TRIES_PER_ADDRESS = 5  # a person mistyping a few times never waits
FREE_TRIES_PER_CLIENT = 20  # over every address: one client trying many accounts
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
REMEMBERED_FOR = timedelta(hours=24)  # a pair's count, and the officers' list
# A client's count over every address forgets sooner: an office behind one address makes
# typos all day, and should not end up waiting for them.
CLIENT_REMEMBERED_FOR = timedelta(hours=1)
# The login digest of a client's row that counts its failures over every address.
EVERY_ADDRESS = ""

metadata = MetaData()
tries = Table(
    "sign_in_throttle", metadata,
    Column("login_digest", String(64), primary_key=True),
    # A keyed digest of the client's address (client_digest below).
    Column("client_digest", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failed_at", UtcDateTime, nullable=False, index=True),
    Column("retry_at", UtcDateTime, nullable=True),
)
# One row per wrong password, kept a day, for the officers' accounts screen.
failures = Table(
    "sign_in_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login_digest", String(64), nullable=False, index=True),
    Column("client_digest", String(64), nullable=False),
    Column("failed_at", UtcDateTime, nullable=False, index=True),
)


def client_digest(client: str, key: bytes) -> str:
    """A keyed digest of where a sign-in comes from; an IPv6 client is its /64 network,
    which one subscriber holds whole, so rotating within it gains nothing."""
    place = client.strip()
    try:
        address = ipaddress.ip_address(place)
    except ValueError:
        pass  # not an IP address (a test's name, "" for this machine): kept as it is
    else:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if isinstance(address, ipaddress.IPv6Address):
            place = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            place = str(address)
    return hmac.new(key, b"sign-in client\0" + place.encode(), hashlib.sha256).hexdigest()


def wait_after(failed: int, free: int) -> timedelta | None:
    """How long a client waits after `failed` failures, when `free` cost nothing."""
    if failed < free:
        return None
    return min(FIRST_WAIT * 2 ** min(failed - free, 12), LONGEST_WAIT)


@dataclass(frozen=True)
class RecentFailures:
    """Wrong passwords for one address in the last day, for the officers."""

    count: int
    last_at: datetime
    clients: int


class Throttle:
    """The waits of one database's sign-ins."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def admit(self, login: str, client: str, now: datetime) -> timedelta | None:
        """How long this client must still wait, or None: then the try is counted.

        The try counts as a failure before its password is checked, and only a right
        password takes it back, so parallel guesses cannot all slip in before the first
        of them is counted. The count comes first, in one statement, so that two tries at
        once take turns on the row (and SQLite's writer lock is taken at once).
        """
        with self.engine.connect() as conn, conn.begin() as transaction:
            pair = _count(conn, login, client, now, FREE_TRIES_PER_ADDRESS, REMEMBERED_FOR)
            if pair is not None:
                return pair
            whole = conn.execute(select(tries.c.retry_at).where(
                tries.c.login_digest == EVERY_ADDRESS,
                tries.c.client_digest == client)).scalar()
            if whole is not None and whole > now:
                transaction.rollback()  # not checked, so not counted
                return whole - now
        return None

    def succeeded(self, login: str, client: str) -> None:
        """The right password: this client starts afresh for this address."""
        with self.engine.begin() as conn:
            conn.execute(delete(tries).where(tries.c.login_digest == login,
                                             tries.c.client_digest == client))

    def failed(self, login: str, client: str, now: datetime) -> None:
        """A wrong password: count it against the client, and note it for the officers."""
        with self.engine.begin() as conn:
            _count(conn, EVERY_ADDRESS, client, now, FREE_TRIES_PER_CLIENT,
                   CLIENT_REMEMBERED_FOR)
            conn.execute(failures.insert().values(login_digest=login, client_digest=client,
                                                  failed_at=now))
        self._forget_before(now - REMEMBERED_FOR)

    def clear(self, login: str) -> None:
        """Forget every failure for this address, from every client (an officer's help)."""
        with self.engine.begin() as conn:
            conn.execute(delete(tries).where(tries.c.login_digest == login))
            conn.execute(delete(failures).where(failures.c.login_digest == login))

    def _forget_before(self, moment: datetime) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(failures).where(failures.c.failed_at < moment))
                # A wait ends within the hour after its failure: these have none left.
                conn.execute(delete(tries).where(tries.c.last_failed_at < moment))
        except DBAPIError:
            # Another sign-in is clearing the same old rows; what it leaves, the next does.
            pass


def recent_failures(engine: Engine, now: datetime) -> dict[str, RecentFailures]:
    """The last day's wrong passwords, per address digest."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(failures.c.login_digest, func.count(), func.max(failures.c.failed_at),
                   func.count(failures.c.client_digest.distinct()))
            .where(failures.c.failed_at > now - REMEMBERED_FOR)
            .group_by(failures.c.login_digest)).all()
    return {login: RecentFailures(count, last, clients) for login, count, last, clients in rows}


def _count(conn: Connection, login: str, client: str, now: datetime, free: int,
           remembered: timedelta) -> timedelta | None:
    """One more failure on the row, unless it is still waiting: then the wait left.

    After `remembered` without a failure, the count starts afresh."""
    moment = literal(now, UtcDateTime)
    waiting = tries.c.retry_at > moment
    stmt = dialect_insert(conn, tries).values(login_digest=login, client_digest=client,
                                              failures=1, last_failed_at=now, retry_at=None)
    counted = conn.execute(stmt.on_conflict_do_update(
        index_elements=[tries.c.login_digest, tries.c.client_digest],
        set_={"failures": case((waiting, tries.c.failures),
                               (tries.c.last_failed_at < literal(now - remembered,
                                                                 UtcDateTime), 1),
                               else_=tries.c.failures + 1),
              "last_failed_at": case((waiting, tries.c.last_failed_at), else_=moment)})
        .returning(tries.c.failures, tries.c.retry_at)).one()
    if counted.retry_at is not None and counted.retry_at > now:
        return counted.retry_at - now
    wait = wait_after(counted.failures, free)
    conn.execute(update(tries).where(tries.c.login_digest == login,
                                     tries.c.client_digest == client)
                 .values(retry_at=now + wait if wait else None))
    return None
