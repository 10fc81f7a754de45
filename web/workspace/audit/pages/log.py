"""The global event log with its filters, and one event's page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import render_template
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from marketplace.audit.history import event_data
from marketplace.audit.names import Named, account_of, names_of
from marketplace.audit.queries import (
    AGGREGATE_TYPES,
    EVENT_TYPES,
    PAGE_SIZE,
    PAGE_SIZES,
    LogPage,
    consortium_choices,
    event_log_page,
    public_page_slug,
)
from marketplace.audit.steps import readable
from web.authz import allow
from web.extensions import services
from web.spreadsheets import download
from web.workspace.audit import access, audit, forms
from web.workspace.audit.naming import look_up, person_word
from web.workspace.audit.pages import render

EXPORT_BATCH = 1000  # rows read at a time for a download


@audit.get("/")
@allow("auditor", "officer")
def log() -> str | tuple[str, int]:
    """Every event, oldest or newest first, filtered; htmx gets the next rows alone ("load
    more"). A filter that cannot be read comes back in the form as typed, with the reason."""
    engine, within = services().engine, access.scope()
    consortia = consortium_choices(engine, within)
    form = {"consortia": consortia, "aggregate_types": AGGREGATE_TYPES,
            "event_types": EVENT_TYPES, "page_sizes": PAGE_SIZES}
    try:
        where = forms.log_filter(consortia, within)
        newest, size = forms.newest_first(), forms.page_size()
        page = event_log_page(engine, where, after=forms.after(), before=forms.before(),
                              newest_first=newest, limit=size)
    except BadRequest as refused:
        return render_template("audit/log.html", page=LogPage([], None),
                               error=refused.description, filter_args={}, **form), 400
    args = {**where.as_args(), **({"order": "newest"} if newest else {}),
            **({"size": str(size)} if size != PAGE_SIZE else {})}
    return render("audit/log.html", "audit/_partials/log_rows.html", page=page,
                  newest=newest, filter_args=args,
                  **look_up(page.rows), **form)


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    return {name: readable(value) for name, value in data.items()}


@audit.get("/events/<int:position>")
@allow("auditor", "officer")
def event(position: int) -> str:
    """One event: where it sits in the log, who caused it, and its data."""
    row, stored = access.event(position)
    data = _facts(event_data(stored))
    return render_template(
        "audit/event.html", row=row, data=data, **look_up(row, data),
        version=stored.originator_version,
        slug=public_page_slug(services().engine, row["aggregate_type"], row["aggregate_id"]))


@audit.get("/log.<fmt>")
@allow("auditor", "officer")
def log_download(fmt: str) -> Response:
    """The log with the page's filters and order, whole, as CSV or XLSX: the rows the
    page lists across all its pages, with names beside the ids."""
    engine, vault, within = services().engine, services().marketplace.vault, access.scope()
    where = forms.log_filter(consortium_choices(engine, within), within)
    newest = forms.newest_first()

    def rows() -> Iterator[list[Any]]:
        after, before = 0, None
        while True:
            page = event_log_page(engine, where, after=after, before=before,
                                  newest_first=newest, limit=EXPORT_BATCH)
            names = names_of(engine, vault, {i for row in page.rows for i in (
                row["aggregate_id"], row["consortium_id"], account_of(row["actor"])) if i})
            for row in page.rows:
                yield _log_row(row, names)
            if page.next_after is None:
                return
            after, before = page.next_after, page.next_after

    header = [_("Position"), _("When (UTC)"), _("Event"), _("Kind of record"), _("Record"),
              _("Record id"), _("Consortium"), _("Caused by"), _("Recorded as")]
    return download("event-log", fmt, header, rows(), sheet=_("Event log"))


def _log_row(row: dict[str, Any], names: dict[str, Named]) -> list[Any]:
    def name(key: str | None) -> str:
        found = names.get(key) if key else None
        return "" if found is None else person_word(found.name)

    account = account_of(row["actor"])
    return [row["position"], row["at"], row["event_type"], row["aggregate_type"],
            name(row["aggregate_id"]), row["aggregate_id"], name(row["consortium_id"]),
            name(account) if account else row["actor"] or "", row["actor"] or ""]
