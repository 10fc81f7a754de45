"""The documents areas of consortia and memberships on screen: the list, the upload and
removal forms, and the download, one way for both areas.

The routes (web/workspace/desk/area.py, web/workspace/member/area.py) decide who reads and
who writes; this module renders and runs the forms. Files go through the RFQs' pipeline:
checked by content, bounded in size, sent as an attachment with nosniff.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, render_template
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from marketplace.documents.area_queries import (
    CERTIFICATE,
    DOCUMENT_KINDS,
    find_area_document,
    list_area_documents,
)
from marketplace.errors import NotFoundError
from web import forms
from web.downloads import send_document, uploads
from web.extensions import services

FIELD = "file"
KIND_NAMES = dict(zip(DOCUMENT_KINDS, (_l("Certificate"), _l("Signed agreement"),
                                        _l("Contract"), _l("Meeting minutes"), _l("Other")),
                      strict=True))


def render_area(area: str, owner_id: str, *, title: str, back: tuple[str, str, dict[str, str]],
                endpoints: dict[str, tuple[str, dict[str, str]]], can_write: bool,
                certificates: list[str] | None, status: int = 200,
                minutes: list[dict[str, Any]] | None = None) -> tuple[str, int]:
    """The area's page: its files, and the forms for those who write; a consortium's also
    lists the minutes attached to its meetings (`minutes`)."""
    today = services().marketplace.clock.now().date()
    kinds = {k: v for k, v in KIND_NAMES.items()
             if certificates is not None or k != CERTIFICATE}
    return render_template(
        "documents/area.html", area=area, title=title, back=back, endpoints=endpoints,
        files=list_area_documents(services().engine, area, owner_id, today),
        kinds=kinds, kind_names=KIND_NAMES, certificates=certificates or [],
        can_write=can_write, field=FIELD, minutes=minutes or []), status


def upload_command(area: str, owner_id: str) -> Callable[[], Any]:
    """The command of the upload form: keep the file sent, of the kind and title typed."""

    def run() -> None:
        files = uploads(FIELD)
        if not files:
            raise forms.Refused(_l("Choose the file to keep."), field=FIELD)
        kind = forms.choice("kind", set(DOCUMENT_KINDS), _l("the kind of document"))
        certificate = forms.text("certificate") or None
        expires_on = forms.day("expires_on", _l("the expiry")) if forms.text(
            "expires_on") else None
        services().marketplace.upload_area_document(
            area, owner_id, files[0], kind=kind, title=forms.text("title"),
            certificate=certificate, expires_on=expires_on)

    return run


def removal_command(area: str, owner_id: str, document_id: str) -> Callable[[], Any]:
    """The command of a removal form: hide a kept file, saying why."""
    return lambda: services().marketplace.remove_area_document(
        area, owner_id, document_id, forms.required("reason", _l("the reason")))


def download(area: str, owner_id: str, document_id: str) -> Response:
    """One kept file, as an attachment; 404 for a removed or unknown one."""
    try:
        return send_document(find_area_document(services().engine, area, owner_id,
                                                document_id))
    except NotFoundError:
        abort(404)
