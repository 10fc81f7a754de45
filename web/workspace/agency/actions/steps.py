"""One formation form through the form pipeline, answered with the formation page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _

from web import forms
from web.extensions import htmx
from web.forms import Page
from web.workspace.agency.access import consortium_seen, formation_or_404
from web.workspace.agency.placing import redirect_back, section_of
from web.workspace.agency.render import render_formation

Formation = dict[str, Any]


def act(slug: str, form: str, run: Callable[[Formation], Any],
        seen: Callable[[Formation], tuple[str, int]] = consortium_seen) -> Page:
    """Run one formation form's command against the version its page showed.

    `form` names the form (its anchor); `seen` picks what it changes and the version the
    form must carry: the consortium's by default, or a prospect's.
    """
    formation = formation_or_404(slug)
    return forms.submit(
        lambda: run(formation), seen=seen(formation),
        again=lambda refused: render_formation(formation, refused.status,
                                               error=refused.message, failed=form),
        done=lambda: saved(slug, form))


def saved(slug: str, form: str) -> Page:
    """After a change: the fresh formation for htmx, else back to the form's section; either
    way "Saved." shows in that section."""
    section = section_of(form)
    if htmx:
        page, status = render_formation(formation_or_404(slug), notice=_("Saved."),
                                        notice_at=section)
        # The swap scrolls to the section, as the plain redirect's #anchor does.
        return page, status, {"HX-Reswap": f"outerHTML show:#{section}:top"}
    return redirect_back(section, "agency.consortium", slug=slug)
