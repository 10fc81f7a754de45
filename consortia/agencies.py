"""`consortia agencies`: the agencies an installation serves; list them, register one."""

from __future__ import annotations

import click

from consortia.common import database_option, open_store
from marketplace.agencies.queries import agency, all_agencies
from marketplace.formation.programme import read_money


@click.group()
def agencies() -> None:
    """The regional agencies the installation serves, each with its programme."""


@agencies.command(name="list")
@database_option
def list_(database_url: str | None) -> None:
    """Every agency: code, name, region and programme cap."""
    services = open_store(database_url)
    try:
        found = all_agencies(services.engine)
    finally:
        services.close()
    if not found:
        click.echo("No agency is registered; register one with `consortia agencies register`.")
        return
    rows = [(a["code"], a["name"], a["region"],
             f"{a['currency']} {a['programme_cap']:,}" if a["registered"]
             else "(named by a consortium, not registered)") for a in found]
    widths = [max(len(row[n]) for row in rows) for n in range(3)]
    for row in rows:
        click.echo("  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=False))
                   + f"  {row[3]}")


@agencies.command()
@database_option
@click.option("--code", required=True, help="The short code its consortia name it by, such as "
              "IDEPA (at most 30 letters, digits, spaces, dots or dashes).")
@click.option("--name", required=True, help="The agency's name.")
@click.option("--region", required=True, metavar="ISO-3166-2",
              help="The region it serves, such as ES-AS.")
@click.option("--programme-cap", default="", metavar="'EUR 500000'",
              help="The seed funding a consortium gets at most (default: the installation's "
                   "CONSORTIA_PROGRAMME_CAP).")
@click.option("--annual-fee", required=True, metavar="'EUR 1800'",
              help="The fee per member a new consortium's rules start from.")
@click.option("--success-fee", required=True, metavar="PERCENT",
              help="The success fee a new consortium's rules start from, in percent of a "
                   "contract (0 to 20).")
@click.option("--legal-name", required=True, help="The legal name its documents carry.")
@click.option("--address", required=True, help="Its registered address.")
@click.option("--tax-id", required=True, help="Its tax id.")
@click.option("--contact", required=True, help="The address or phone its documents give.")
def register(database_url: str | None, code: str, name: str, region: str, programme_cap: str,
             annual_fee: str, success_fee: str, legal_name: str, address: str, tax_id: str,
             contact: str) -> None:
    """Register an agency: its code, region, programme and legal details."""
    fee = read_money("--annual-fee", annual_fee)
    cap = read_money("--programme-cap", programme_cap) if programme_cap.strip() else None
    services = open_store(database_url)
    try:
        marketplace = services.marketplace
        agency_id = marketplace.register_agency(
            code=code, name=name, region=region,
            programme_cap=cap or marketplace.programme_cap, annual_fee=fee,
            success_fee_percent=success_fee, legal_name=legal_name, address=address,
            tax_id=tax_id, contact=contact)
        registered = agency(services.engine, str(agency_id))
    finally:
        services.close()
    click.echo(f"Registered agency {registered['code']} ({registered['name']}, "
               f"{registered['region']}), programme cap {registered['currency']} "
               f"{registered['programme_cap']:,}: {agency_id}")
