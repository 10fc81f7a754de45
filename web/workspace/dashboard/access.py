"""Whose dashboard the person reads: a consortium looked up by its slug, then the scope;
the totals of the whole installation or of the agencies they work for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from flask import abort
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.agencies.queries import all_agencies
from marketplace.dashboard.queries import consortium_named
from marketplace.errors import NotFoundError
from web import refusals
from web.authz import consortia_of_agencies, principal, reading_agencies, require_reader
from web.extensions import services


def readable(slug: str) -> dict[str, Any]:
    """The consortium named by the slug (404), if the person may read it (403)."""
    try:
        entry = consortium_named(services().engine, slug)
    except NotFoundError as error:
        abort(404, refusals.words(error))
    require_reader(entry["consortium_id"],
                   _("This dashboard belongs to a consortium you do not manage."))
    return entry


@dataclass(frozen=True)
class Totals:
    """Whose totals the overview shows: every consortium's (`consortia` None), or those of
    the agencies an officer or auditor works for."""

    consortia: frozenset[str] | None
    agencies: tuple[dict[str, Any], ...] = ()

    @property
    def heading(self) -> str:
        """Whose figures these are, for the heading: all consortia, or an agency's."""
        if self.consortia is None:
            return _("All consortia")
        names = [agency["name"] for agency in self.agencies]
        return _("All consortia of %(agencies)s",
                 agencies=format_list(names, locale=str(get_locale() or "en"))
                 if names else _("your agency"))

    @property
    def file_name(self) -> str:
        """The totals' part of a download's name: all, or the agencies' codes."""
        if self.consortia is None:
            return "all"
        return "-".join(agency["code"] for agency in self.agencies) or "agency"


def totals() -> Totals | None:
    """The totals the person reads: the whole installation's for its officers and auditors,
    their agencies' for an agency's; None for a manager, who reads consortia one by one."""
    me = principal()
    if not (me.holds("officer") or me.holds("auditor")):
        return None
    agencies = reading_agencies()
    if agencies is None:
        return Totals(None)
    engine = services().engine
    return Totals(frozenset(consortia_of_agencies(agencies)),
                  tuple(all_agencies(engine, within=agencies)))
