"""The demo logins: one person per role, the one list later issues create accounts from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLogin:
    """A planned demo account; sign-in arrives with a later issue."""

    role: str
    name: str
    email: str
    password: str
    consortium: str = ""  # the slug a manager or member belongs to
    company_tax_id: str = ""  # the member user's company


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("agency officer", "Lucía Fernández Arce", "officer@sodercan.demo", "demo-officer"),
    DemoLogin("consortium manager", "Marta Gutiérrez Cobo", "manager@cantabria-metal.demo",
              "demo-manager", consortium="cantabria-metal"),
    DemoLogin("consortium manager", "Javier Sainz Revuelta", "manager@cantabria-agrifood.demo",
              "demo-manager", consortium="cantabria-agrifood"),
    DemoLogin("consortium manager", "Elena Bustamante Velarde",
              "manager@cantabria-marine-energy.demo", "demo-manager",
              consortium="cantabria-marine-energy"),
    DemoLogin("member user", "Pablo Ortiz Ceballos", "member@caldereria-besaya.demo",
              "demo-member", consortium="cantabria-metal", company_tax_id="B39100003"),
    DemoLogin("auditor", "Carmen Quintana Herrera", "auditor@sodercan.demo", "demo-auditor"),
)


def manager_login(slug: str) -> DemoLogin:
    """The demo manager of a consortium."""
    return next(login for login in DEMO_LOGINS
                if login.role == "consortium manager" and login.consortium == slug)


def member_login() -> DemoLogin:
    """The demo member user."""
    return next(login for login in DEMO_LOGINS if login.role == "member user")


def logins_lines() -> list[str]:
    """The logins as aligned lines for a terminal."""
    return [f"  {login.role:<20} {login.email:<40} {login.password:<14} "
            f"{login.consortium or 'all consortia'}" for login in DEMO_LOGINS]


def logins_table() -> list[str]:
    """The logins as Markdown table rows, as the README shows them."""
    rows = ["| role | e-mail | password | where |", "|---|---|---|---|"]
    for login in DEMO_LOGINS:
        rows.append(f"| {login.role} | `{login.email}` | `{login.password}` | "
                    f"{login.consortium or 'all consortia'} |")
    return rows
