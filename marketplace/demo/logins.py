"""The demo logins: a person per role and agency; `consortia demo` opens an account for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.ids import company_id
from marketplace.demo.consortia import PLANS

if TYPE_CHECKING:
    from marketplace.application import Marketplace
    from marketplace.demo.story import Cast


@dataclass(frozen=True)
class DemoLogin:
    """A demo account, opened when the demo is loaded."""

    role: str
    name: str
    email: str
    password: str
    consortium: str = ""  # the slug a manager or member belongs to
    company_tax_id: str = ""  # the member user's company
    agency: str = ""  # the code of an officer's or auditor's agency; none: every agency

    @property
    def where(self) -> str:
        """Where the login acts, as the logins table says it."""
        return self.consortium or self.agency or "all agencies"


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("agency officer", "Inés Llorente Mier", "admin@consortia.demo", "demo-admin"),
    DemoLogin("agency officer", "Lucía Fernández Arce", "officer@sodercan.demo", "demo-officer",
              agency="SODERCAN"),
    DemoLogin("agency officer", "Covadonga Álvarez Menéndez", "officer@idepa.demo",
              "demo-officer", agency="IDEPA"),
    DemoLogin("consortium manager", "Marta Gutiérrez Cobo", "manager@cantabria-metal.demo",
              "demo-manager", consortium="cantabria-metal"),
    DemoLogin("consortium manager", "Javier Sainz Revuelta", "manager@cantabria-agrifood.demo",
              "demo-manager", consortium="cantabria-agrifood"),
    DemoLogin("consortium manager", "Elena Bustamante Velarde",
              "manager@cantabria-marine-energy.demo", "demo-manager",
              consortium="cantabria-marine-energy"),
    DemoLogin("consortium manager", "Adrián Suárez Cienfuegos", "manager@asturias-metal.demo",
              "demo-manager", consortium="asturias-metal"),
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
            f"{login.where}" for login in DEMO_LOGINS]


def logins_table() -> list[str]:
    """The logins as Markdown table rows, as the README shows them."""
    rows = ["| role | e-mail | password | where |", "|---|---|---|---|"]
    for login in DEMO_LOGINS:
        rows.append(f"| {login.role} | `{login.email}` | `{login.password}` | "
                    f"{login.where} |")
    return rows


ROLE_OF = {"agency officer": "officer", "consortium manager": "manager",
           "member user": "member", "auditor": "auditor"}


def open_demo_accounts(app: Marketplace, cast: Cast) -> None:
    """Open each demo login's account, scoped to the story's agency, consortium or
    membership."""
    slugs = {plan.slug: plan.key for plan in PLANS}
    for login in DEMO_LOGINS:
        role, scope = ROLE_OF[login.role], ""
        if login.agency:
            scope = str(cast.agencies[login.agency])
        elif role == "manager":
            scope = str(cast.consortia[slugs[login.consortium]])
        elif role == "member":
            key = slugs[login.consortium]
            company = company_id(login.company_tax_id)
            scope = str(next(cast.memberships[place] for place, firm in cast.companies.items()
                             if place[0] == key and firm == company))
        app.open_account(name=login.name, email=login.email, password=login.password,
                         grants=[(role, scope)])
