"""Files a mail carries: named by its kind, rendered at send time from the row's facts.

Nothing of a file is stored in the outbox: the row keeps its facts, and each attempt
renders the file again, through the DocumentRenderer the front end installed or, for a
file the marketplace makes itself (a meeting's calendar file), through the attachment's
own `make`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from marketplace.ports import DocumentRenderer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """One file of a mail: which document, under which name, of which media type."""

    document: str  # what the renderer makes: "quotation"
    filename: str
    media_type: str = "application/pdf"  # with its parameters: "text/calendar; method=..."
    # Makes the file from the facts and the reader's language, without the front end.
    make: Callable[[dict[str, str], str], bytes] | None = None


@dataclass(frozen=True)
class RenderedAttachment:
    filename: str
    media_type: str
    data: bytes


# A kind's attachments, from the row's facts.
Attaches = Callable[[dict[str, str]], tuple[Attachment, ...]]


def rendered(attachments: tuple[Attachment, ...], facts: dict[str, str], language: str,
             renderer: DocumentRenderer | None) -> list[RenderedAttachment]:
    """The files made now; without a renderer (a process with no front end) none, said in
    the log. A renderer's failure raises, and the mail is tried again later."""
    made = [RenderedAttachment(a.filename, a.media_type, a.make(facts, language))
            for a in attachments if a.make is not None]
    others = [a for a in attachments if a.make is None]
    if not others:
        return made
    if renderer is None:
        log.warning("no document renderer: the mail goes without %s",
                    ", ".join(a.filename for a in others))
        return made
    return made + [RenderedAttachment(a.filename, a.media_type,
                                      renderer.render(a.document, facts, language))
                   for a in others]
