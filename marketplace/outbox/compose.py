"""A mail as its recipient reads it, made at send time from the row and the vault record."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from marketplace.outbox.attachments import RenderedAttachment
from marketplace.outbox.kinds import KINDS_BY_NAME
from marketplace.outbox.settings import MailSettings
from marketplace.outbox.texts import words


@dataclass(frozen=True)
class Letter:
    """The rendered mail: who it goes to, its subject and its plain-text body."""

    to_name: str
    to_address: str
    subject: str
    body: str


def letter(kind: str, person: dict[str, str], facts: dict[str, str],
           settings: MailSettings) -> Letter:
    """Render one mail in the person's language, with the link the kind points to (or,
    once the link's token is no longer kept, words saying where the link is)."""
    path = KINDS_BY_NAME[kind].path(person, facts)
    link = {} if path is None else {"link": settings.base_url.rstrip("/") + path}
    subject, body = words(kind, person.get("language"), name=person.get("name", ""),
                          **link, **facts)
    return Letter(person.get("name", ""), person["email"], subject, body)


def message_id(key: str, settings: MailSettings) -> str:
    """The same Message-ID for every attempt at one mail, so receivers can spot a repeat."""
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def message(mail: Letter, key: str, settings: MailSettings, date: datetime,
            files: Sequence[RenderedAttachment] = ()) -> EmailMessage:
    """The MIME message for a rendered mail: plain text, or multipart with its files."""
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    username, _, domain = mail.to_address.rpartition("@")
    msg["To"] = Address(display_name=mail.to_name, username=username, domain=domain)
    msg["Subject"] = mail.subject
    msg["Message-ID"] = message_id(key, settings)
    msg["Date"] = format_datetime(date)
    msg.set_content(mail.body)
    for file in files:
        kind, *options = (part.strip() for part in file.media_type.split(";"))
        maintype, _, subtype = kind.partition("/")
        params = dict(option.partition("=")[::2] for option in options)
        msg.add_attachment(file.data, maintype=maintype, subtype=subtype,
                           filename=file.filename, params=params)
    return msg
