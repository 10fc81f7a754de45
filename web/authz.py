"""Who may do what: every route is denied unless it says who it is for.

A view is `@public`, or `@allow(role, ...)`; views of the public blueprints (the buyers'
storefront, its API, sign-in) are public as a whole. Anything else answers 403, so a new
route nobody classified is closed, and tests/web/test_authz_matrix.py names it.
Auditors read everything and change nothing: any unsafe method from their session is 403,
but signing out and asking for a check that only reads (AUDITOR_MAY_POST).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import Flask, abort, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin, LoginManager, UserMixin, current_user
from werkzeug.wrappers import Response

from marketplace import actors
from marketplace.accounts.queries import signed_in_account
from marketplace.actors import set_actor
from marketplace.agencies.queries import consortium_agencies
from marketplace.buyers.commands import BUYER_PREFIX, buyer_session_id
from web.extensions import services

View = TypeVar("View", bound=Callable[..., Any])
PUBLIC = "public"
# Blueprints that serve anyone: buyers, procurement systems, people signing in.
PUBLIC_BLUEPRINTS = frozenset({"storefront", "rfq", "api", "language", "health", "dev", "auth"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The only unsafe requests an auditor may make: leaving, ending one of their own sessions,
# changing their own password (none of them records anything in the history), and asking
# for a check that only reads the history (a POST, so no link on another site sets one off).
AUDITOR_MAY_POST = frozenset({"auth.logout", "signins.end", "signins.change_password",
                              "audit.start_verify", "audit.start_replay"})

login_manager = LoginManager()


@dataclass(frozen=True)
class Principal(UserMixin):
    """The signed-in person: their account, name and grants."""

    account_id: str
    name: str
    email: str
    grants: tuple[tuple[str, str], ...] = field(default=())

    def get_id(self) -> str:
        return self.account_id

    def holds(self, role: str) -> bool:
        return any(r == role for r, _scope in self.grants)

    def scopes(self, role: str) -> set[str]:
        """Where the person holds the role: consortium ids, membership ids."""
        return {scope for r, scope in self.grants if r == role}

    @property
    def roles(self) -> set[str]:
        return {role for role, _scope in self.grants}


class Anonymous(AnonymousUserMixin):
    roles: set[str] = set()  # noqa: RUF012 - nobody's roles

    def holds(self, role: str) -> bool:
        return False

    def scopes(self, role: str) -> set[str]:
        return set()


def public(view: View) -> View:
    """Open the view to everyone, signed in or not."""
    view._access = PUBLIC  # type: ignore[attr-defined]
    return view


def allow(*roles: str) -> Callable[[View], View]:
    """Open the view to people holding one of these roles (anywhere; scope is the view's)."""

    def mark(view: View) -> View:
        view._access = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


def access_of(app: Flask, endpoint: str) -> str | frozenset[str] | None:
    """What the route says about who may use it; None if it says nothing."""
    if endpoint == "static":
        return PUBLIC
    view = app.view_functions.get(endpoint)
    declared = getattr(view, "_access", None)
    if declared is not None:
        return declared
    blueprint = endpoint.rpartition(".")[0]
    return PUBLIC if blueprint in PUBLIC_BLUEPRINTS else None


def principal() -> Principal | Anonymous:
    """The person making the request."""
    return current_user  # type: ignore[return-value]


def _to_sign_in() -> Response:
    if _access_now() == frozenset({"buyer"}):
        return redirect(url_for("buyer.start"))  # a buyer signs in by a mailed link
    query = urlencode({"next": request.full_path.rstrip("?")})
    return redirect(f"{url_for('auth.login')}?{query}")


def _check() -> Response | None:
    user = principal()
    # Whatever this request writes is recorded as caused by this person (or a buyer).
    set_actor(actors.user(user.account_id, user.roles)
              if isinstance(user, Principal) and not user.holds("buyer") else actors.BUYER)
    if request.endpoint is None:
        return None  # no route: a 404 follows
    if (user.holds("auditor") and request.method not in SAFE_METHODS
            and request.endpoint not in AUDITOR_MAY_POST):
        abort(403, _("Auditors can read everything and change nothing."))
    access = access_of(_app(), request.endpoint)
    if access == PUBLIC:
        return None
    if access is None:
        abort(403)  # nobody said who this route is for
    if not user.is_authenticated:
        return _to_sign_in()
    if not user.roles & set(access):
        abort(403)
    return None


def _access_now() -> str | frozenset[str] | None:
    return access_of(_app(), request.endpoint) if request.endpoint else None


def _app() -> Flask:
    from flask import current_app

    return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]


def _load(account_id: str) -> Principal | None:
    if account_id.startswith(BUYER_PREFIX):
        return _buyer(account_id)
    found = signed_in_account(services().engine, services().marketplace.vault, account_id)
    if found is None:
        return None
    return Principal(found["account_id"], found["name"], found["email"],
                     tuple((g["role"], g["scope"]) for g in found["grants"]))


def _buyer(session_id: str) -> Principal | None:
    """A buyer signed in by a mailed link: the role "buyer", scoped to their address's digest.

    The session keeps the digest (never the address); its id is made from it, so the two
    must agree. A buyer holds no other role: the buyer's routes are all they reach.
    """
    key = session.get("buyer_key")
    if not isinstance(key, str) or buyer_session_id(key) != session_id:
        return None
    return Principal(session_id, "", "", (("buyer", key),))


def init_app(app: Flask) -> None:
    """Sessions for signed-in people, and the check before every request."""
    login_manager.init_app(app)
    login_manager.user_loader(_load)
    login_manager.anonymous_user = Anonymous
    app.before_request(_check)

    @app.teardown_request
    def _stop_acting(_error: BaseException | None) -> None:
        # The request's actor must not outlive it: a thread (or a test) that goes on to run
        # commands afterwards acts as the system again.
        set_actor(actors.SYSTEM)


# --- scope: which consortia and memberships a person reaches -------------------------
# Routes say which roles may come in (`allow`); these say what each person reaches there.
# An officer or auditor acts for one agency (the grant's scope is its id), or for the whole
# installation (an empty scope); a manager reads their consortia; a member user the
# memberships of the companies they act for.
READERS_EVERYWHERE = ("officer", "auditor")


def _agencies(*roles: str) -> set[str] | None:
    """The agencies the person holds these roles in; None for the whole installation."""
    me = principal()
    scopes = set().union(*(me.scopes(role) for role in roles))
    return None if "" in scopes else scopes


def reading_agencies() -> set[str] | None:
    """The agencies whose records the person reads as officer or auditor (None: all)."""
    return _agencies(*READERS_EVERYWHERE)


def acting_agencies() -> set[str] | None:
    """The agencies the person acts for as an officer (None: all of them)."""
    return _agencies("officer")


def sees_everything() -> bool:
    """Officers and auditors of the whole installation read every consortium and RFQ."""
    me = principal()
    return (me.holds("officer") or me.holds("auditor")) and reading_agencies() is None


def _agency_of() -> dict[str, str]:
    """Each consortium's agency, read once per request."""
    if "consortium_agencies" not in g:
        g.consortium_agencies = consortium_agencies(services().engine)
    return g.consortium_agencies  # type: ignore[no-any-return]


def agency_of(consortium_id: str) -> str | None:
    """The consortium's agency id, None if there is no such consortium."""
    return _agency_of().get(str(consortium_id))


def consortia_of_agencies(agencies: set[str] | frozenset[str]) -> set[str]:
    """The consortia of these agencies."""
    return {cid for cid, aid in _agency_of().items() if aid in agencies} if agencies else set()


def readable_consortia() -> set[str] | None:
    """The consortia whose workspace pages the person reads; None for all of them."""
    if sees_everything():
        return None
    return set(principal().scopes("manager")) | consortia_of_agencies(reading_agencies() or set())


def reads(consortium_id: str) -> bool:
    """Whether the person may read this consortium's records."""
    scope = readable_consortia()
    return scope is None or str(consortium_id) in scope


def officer_of(consortium_id: str) -> bool:
    """Whether the person is an officer of this consortium's agency (or of all agencies)."""
    if not principal().holds("officer"):
        return False
    agencies = acting_agencies()
    return agencies is None or agency_of(consortium_id) in agencies


def manages(consortium_id: str) -> bool:
    """Whether the person is a manager of this consortium (writes are the manager's)."""
    return str(consortium_id) in principal().scopes("manager")


def acts_for(membership_id: str) -> bool:
    """Whether the person acts for this membership's company."""
    return str(membership_id) in principal().scopes("member")


def require_reader(consortium_id: str, message: str | None = None) -> None:
    """403 unless the person may read this consortium."""
    if not reads(consortium_id):
        abort(403, message)


def require_officer_of(consortium_id: str, message: str | None = None) -> None:
    """403 unless the person is an officer of the consortium's agency."""
    if not officer_of(consortium_id):
        abort(403, message or _("This consortium belongs to another agency."))


def require_manager(consortium_id: str, message: str | None = None) -> None:
    """403 unless the person manages this consortium."""
    if not manages(consortium_id):
        abort(403, message)


def require_member(membership_id: str, message: str | None = None) -> None:
    """403 unless the person acts for this membership's company."""
    if not acts_for(membership_id):
        abort(403, message)


def reads_any_membership() -> bool:
    """Whether the person reads memberships they do not act for: officers and auditors."""
    me = principal()
    return me.holds("officer") or me.holds("auditor")


def reads_membership(membership_id: str, consortium_id: str) -> bool:
    """Whether the person acts for this membership, or reads its consortium as an officer
    or auditor of its agency."""
    if acts_for(membership_id):
        return True
    return reads_any_membership() and (
        sees_everything() or agency_of(consortium_id) in (reading_agencies() or set()))


def require_member_reader(membership_id: str, consortium_id: str,
                          message: str | None = None) -> None:
    """403 unless the person acts for this membership, or reads its agency's records."""
    if not reads_membership(membership_id, consortium_id):
        abort(403, message)
