"""Writes the log makes durable commit without waiting for the disk; the events do.

The read models, the outbox's rows and the positions of both are derived from the event
log alone, and each batch is written in one transaction with its position. Their commits
need not wait for the disk to flush:

- SQLite in WAL mode with `synchronous=NORMAL` (on the connections that write them only)
  keeps every commit through a crash of the process; a power cut may undo the last few.
- PostgreSQL's `synchronous_commit=off` likewise may lose the last few after a crash of
  the server, never out of order and never half a transaction.

Either way the log is the older of the two: a commit of events waits for the disk, and
flushing it also flushes every write before it. What a crash can undo is the tail of
derived commits after the last event commit, each with its position, which the projector
and the outbox then simply redo from the log.

A record the vault keeps for a command (a buyer's contact) is written the same way, before
the command's events: it is of use only once an event (or a sign-in link) refers to it,
and that commit, later in the same log, waits for the disk and so flushes the record too.
The events, the sessions, erasures and the sent marks of mails keep waiting for the disk
(their engine is not this one).
"""

from __future__ import annotations

# Set on each connection of the derived engine (marketplace.bootstrap.make_engine).
SQLITE_ASYNC_COMMIT = "PRAGMA synchronous=NORMAL"
ASYNC_COMMIT_OPTION = "-csynchronous_commit=off"
