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
    # CONSORTIA_BASE_URL was unset: base_url stands in until the web app, once serving,
    # says its own address (Outbox.links_to).
    base_url_from_server: bool = False


def mail_settings(settings: Settings | None = None) -> MailSettings:
    """The mail part of the settings (CONSORTIA_BASE_URL, _MAIL_FROM, _SMTP_URL), or defaults."""
    settings = settings or Settings()
    return MailSettings(base_url=(settings.base_url or DEFAULT_BASE_URL).rstrip("/"),
                        mail_from=settings.mail_from, smtp_url=settings.smtp_url,
                        base_url_from_server=settings.base_url is None)
