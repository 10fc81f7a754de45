"""`consortia users`: open accounts with their roles, list them."""

from __future__ import annotations

import click

from consortia.common import database_option, open_store
from marketplace.accounts.queries import list_accounts, scope_for

ROLES = ("officer", "manager", "member", "auditor")


@click.group()
def users() -> None:
    """Accounts of the workspace: agency officers, managers, member users, auditors."""


@users.command()
@database_option
@click.option("--email", required=True, help="The address the person signs in with.")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--consortium", default="", metavar="SLUG",
              help="For a manager or member user: the consortium.")
@click.option("--company", default="", metavar="TAX_ID",
              help="For a member user: the firm's tax id.")
@click.option("--agency", default="", metavar="CODE",
              help="For an officer or auditor of one agency: its code (none: every agency).")
@click.password_option(help="The password (asked for when not given).")
def add(database_url: str | None, email: str, name: str, role: str, consortium: str,
        company: str, agency: str, password: str) -> None:
    """Open an account with one role."""
    services = open_store(database_url)
    try:
        scope = scope_for(services.engine, role, consortium, company, agency)
        account = services.marketplace.open_account(name=name, email=email, password=password,
                                                    grants=[(role, scope)])
    finally:
        services.close()
    click.echo(f"Opened account {account} for {email} ({role}"
               f"{' of ' + (consortium or agency) if consortium or agency else ''})")


@users.command(name="list")
@database_option
def list_(database_url: str | None) -> None:
    """Every account, with its roles."""
    services = open_store(database_url)
    try:
        for row in list_accounts(services.engine, services.marketplace.vault):
            roles = ", ".join(g["role"] for g in row["grants"]) or "no role"
            click.echo(f"{row['email'] or '(erased)':<40} {row['name']:<30} {roles} "
                       f"[{row['status']}]")
    finally:
        services.close()
