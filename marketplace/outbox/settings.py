"""How mails are sent and what they link to, from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.settings import DEFAULT_BASE_URL, DEFAULT_MAIL_FROM, Settings


@dataclass(frozen=True)
class MailSettings:
    """The public address of the site, the sender, and the SMTP server (None: local outbox)."""

    base_url: str = DEFAULT_BASE_URL
    mail_from: str = DEFAULT_MAIL_FROM
    smtp_url: str | None = None


def mail_settings(settings: Settings | None = None) -> MailSettings:
    """The mail part of the settings (CONSORTIA_BASE_URL, _MAIL_FROM, _SMTP_URL), or defaults."""
    settings = settings or Settings()
    return MailSettings(base_url=settings.base_url.rstrip("/"), mail_from=settings.mail_from,
                        smtp_url=settings.smtp_url)
