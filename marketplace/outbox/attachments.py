"""Files a mail carries: named by its kind, rendered at send time from the row's facts.

Nothing of a file is stored in the outbox: the row keeps its facts, and each attempt
renders the file again through the DocumentRenderer the front end installed.
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
    media_type: str = "application/pdf"


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
    if not attachments:
        return []
    if renderer is None:
        log.warning("no document renderer: the mail goes without %s",
                    ", ".join(a.filename for a in attachments))
        return []
    return [RenderedAttachment(a.filename, a.media_type,
                               renderer.render(a.document, facts, language))
            for a in attachments]
