"""The mail transports: SMTP (the only module that speaks it), and the local outbox."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from marketplace.errors import ConfigurationError
from marketplace.outbox.settings import MailSettings
from marketplace.ports import MailTransport

TIMEOUT_SECONDS = 30  # well inside a claim's lease, so a slow server cannot cause a resend
_DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class LocalTransport:
    """Delivers nowhere: the mail stays readable in the outbox (`make run` without SMTP)."""

    name = "local"

    def send(self, message: EmailMessage) -> None:
        return None


class SmtpTransport:
    """Sends through an SMTP server: smtp://host:port, smtp+starttls://user:pass@host:587
    or smtps://user:pass@host:465."""

    name = "smtp"

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
            raise ConfigurationError(
                "CONSORTIA_SMTP_URL must look like smtp://host:port, "
                "smtp+starttls://user:password@host:587 or smtps://host:465, not %(scheme)s",
                scheme=repr(parts.scheme))
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or _DEFAULT_PORTS[parts.scheme]
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password or "")

    def send(self, message: EmailMessage) -> None:
        """Deliver one mail in its own connection; any failure raises, to be retried."""
        smtp: smtplib.SMTP
        if self.scheme == "smtps":
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
        with smtp:
            if self.scheme == "smtp+starttls":
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(message)


def transport_for(settings: MailSettings) -> MailTransport:
    """SMTP when a server is configured, the local outbox otherwise."""
    return SmtpTransport(settings.smtp_url) if settings.smtp_url else LocalTransport()
