"""`consortia audit`: the auditor's commands (verify the hash chain and the recorded files,
export, check exports)."""

from __future__ import annotations

import sys
from collections import Counter
from time import perf_counter
from typing import IO

import click

from consortia.common import Bar, database_option, open_store, settings_for
from marketplace.audit.chain import DEVELOPMENT_KEY, KEY_VARIABLE
from marketplace.audit.documents import PLACES, DocumentProblem, verify_documents
from marketplace.audit.verify import parse_head, verify
from marketplace.exports.check import check_export
from marketplace.exports.jsonl import write_jsonl
from marketplace.exports.ocds import DEFAULT_PREFIX, write_release_package

PLACE_WORDS = {"rfq": "RFQs", "quote": "quotes", "consortium": "consortia's documents",
               "membership": "memberships' documents", "minutes": "meeting minutes"}


@click.group()
def audit() -> None:
    """Prove that the stored history was not altered; export it and check exports."""


@audit.command("verify")
@database_option
@click.option("--expect", metavar="HASH@POSITION",
              help="A head printed by an earlier run: prove the history up to it is unchanged.")
def verify_command(database_url: str | None, expect: str | None) -> None:
    """Recompute the keyed hash chain and check every recorded file's bytes; exit 1 naming
    the first bad position and each missing or altered file, with where it belongs."""
    expected = parse_head(expect) if expect else None
    settings = settings_for(database_url)
    key = settings.audit_key
    if key == DEVELOPMENT_KEY:
        click.echo(f"warning: {KEY_VARIABLE} is not set; checking with the development key",
                   err=True)
    services = open_store(settings, inline_projection=False)
    try:
        started = perf_counter()
        with Bar("Verifying the history") as bar:
            verdict = verify(services.marketplace.recorder, key, expect=expected, progress=bar)
        elapsed = perf_counter() - started
        with Bar("Checking the files") as bar:
            files, damaged = verify_documents(services.marketplace, services.marketplace.blobs,
                                              progress=bar)
    finally:
        services.close()
    for problem in damaged:  # every damaged file, wherever it belongs, not only the first
        click.echo(f"file damaged at {problem}")
    if verdict.problem is not None:
        click.echo(f"history altered at {verdict.problem}")
        raise click.exceptions.Exit(1)
    click.echo(f"history intact: {verdict.events} events, head {verdict.head}")
    if expected is not None:
        click.echo(f"the recorded head {expected} matches")
    rate = verdict.events / elapsed if elapsed else 0.0
    click.echo(f"verified in {elapsed:.2f} s ({rate:,.0f} events/s)")
    if damaged:
        click.echo(f"files: {len(damaged)} of {files} missing or altered ({_by_place(damaged)})")
        raise click.exceptions.Exit(1)
    click.echo(f"files intact: {files} recorded files match their SHA-256 (RFQs, quotes, "
               "documents areas, meeting minutes)")


def _by_place(damaged: list[DocumentProblem]) -> str:
    """How many damaged files each place holds: "1 in RFQs, 2 in meeting minutes"."""
    counts = Counter(problem.place for problem in damaged)
    return ", ".join(f"{counts[place]} in {PLACE_WORDS[place]}" for place in PLACES
                     if counts[place])


@audit.command()
@database_option
@click.option("--format", "form", type=click.Choice(["jsonl", "ocds"]), required=True,
              help="jsonl: every event, one JSON object a line; ocds: an OCDS 1.1 release "
                   "package of every bid.")
@click.option("--ocid-prefix", default=DEFAULT_PREFIX, show_default=True,
              help="OCDS only: each bid's ocid is PREFIX-<bid id>.")
@click.option("--publisher", default="Consortia marketplace", show_default=True,
              help="OCDS only: the publisher's name in the package.")
@click.option("--uri", default="urn:consortia:ocds:release-package", show_default=True,
              help="OCDS only: the package's URI.")
def export(database_url: str | None, form: str, ocid_prefix: str, publisher: str,
           uri: str) -> None:
    """Write the history to standard output, as JSON Lines or as an OCDS release package."""
    services = open_store(database_url, inline_projection=False)
    try:
        if form == "jsonl":
            write_jsonl(services.marketplace, sys.stdout)
        else:
            write_release_package(services.marketplace, sys.stdout, prefix=ocid_prefix,
                                  publisher=publisher, uri=uri)
    finally:
        services.close()


@audit.command(name="import")
@click.option("--verify", "check_only", is_flag=True,
              help="Check the file on its own: positions rise, versions run on per aggregate.")
@click.argument("events", type=click.File("r", encoding="utf-8"))
def import_(check_only: bool, events: IO[str]) -> None:
    """Check an exported JSON Lines history, with no database."""
    if not check_only:
        raise click.UsageError("importing into a store is not supported; use --verify to "
                               "check an exported file")
    found = check_export(events)
    for problem in found.problems:
        click.echo(problem)
    if not found.clean:
        raise click.exceptions.Exit(1)
    click.echo(f"{found.events:,} events of {found.aggregates:,} aggregates, positions "
               f"rising to {found.last_position}, versions contiguous: the file is consistent")
