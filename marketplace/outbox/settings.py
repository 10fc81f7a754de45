"""How mails are sent and what they link to, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
DEFAULT_MAIL_FROM = "Export consortia <no-reply@localhost>"


@dataclass(frozen=True)
class MailSettings:
    """The public address of the site, the sender, and the SMTP server (None: local outbox)."""

    base_url: str = DEFAULT_BASE_URL
    mail_from: str = DEFAULT_MAIL_FROM
    smtp_url: str | None = None


def mail_settings() -> MailSettings:
    """CONSORTIA_BASE_URL, CONSORTIA_MAIL_FROM and CONSORTIA_SMTP_URL, or the defaults."""
    return MailSettings(
        base_url=(os.environ.get("CONSORTIA_BASE_URL") or DEFAULT_BASE_URL).rstrip("/"),
        mail_from=os.environ.get("CONSORTIA_MAIL_FROM") or DEFAULT_MAIL_FROM,
        smtp_url=os.environ.get("CONSORTIA_SMTP_URL") or None,
    )
