"""The mails' words, per kind and language: short plain text with the link on its own line.

Placeholders: {name} (the recipient), {consortium}, {link}. The values are inserted as
they are, never read as placeholders themselves.
"""

from __future__ import annotations

# kind -> language -> (subject, body)
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "rfq_received": {
        "en": ("{consortium}: we received your request for quotation",
               "Dear {name},\n\n"
               "thank you for your request for quotation to {consortium}. We have received it "
               "and will answer by the date you asked for.\n\n"
               "Follow your request here. Keep this link to yourself: whoever has it can see "
               "and answer your quote.\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: hemos recibido su solicitud de presupuesto",
               "Estimado/a {name}:\n\n"
               "gracias por su solicitud de presupuesto a {consortium}. La hemos recibido y le "
               "responderemos antes de la fecha que nos indicó.\n\n"
               "Siga su solicitud aquí. No comparta este enlace: quien lo tenga puede ver y "
               "responder a su presupuesto.\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : nous avons reçu votre demande de devis",
               "Bonjour {name},\n\n"
               "merci pour votre demande de devis adressée à {consortium}. Nous l'avons bien "
               "reçue et vous répondrons avant la date que vous avez indiquée.\n\n"
               "Suivez votre demande ici. Gardez ce lien pour vous : toute personne qui l'a "
               "peut voir votre devis et y répondre.\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Ihre Angebotsanfrage ist eingegangen",
               "Guten Tag {name},\n\n"
               "vielen Dank für Ihre Angebotsanfrage an {consortium}. Wir haben sie erhalten "
               "und antworten bis zu dem von Ihnen genannten Datum.\n\n"
               "Hier verfolgen Sie Ihre Anfrage. Geben Sie den Link nicht weiter: Wer ihn hat, "
               "kann Ihr Angebot sehen und beantworten.\n\n{link}\n\n{consortium}\n"),
    },
    "quote_ready": {
        "en": ("{consortium}: your quote is ready",
               "Dear {name},\n\n"
               "{consortium} has sent you its quote for the full service you asked for. Read "
               "it, and accept or decline it while it is valid, here:\n\n{link}\n\n"
               "{consortium}\n"),
        "es": ("{consortium}: su presupuesto está listo",
               "Estimado/a {name}:\n\n"
               "{consortium} le ha enviado su presupuesto para el servicio completo que "
               "solicitó. Léalo, y acéptelo o rechácelo mientras sea válido, aquí:\n\n{link}\n\n"
               "{consortium}\n"),
        "fr": ("{consortium} : votre devis est prêt",
               "Bonjour {name},\n\n"
               "{consortium} vous a envoyé son devis pour le service complet demandé. "
               "Consultez-le, puis acceptez-le ou refusez-le tant qu'il est valable, ici :\n\n"
               "{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Ihr Angebot liegt vor",
               "Guten Tag {name},\n\n"
               "{consortium} hat Ihnen das Angebot für die angefragte Gesamtleistung geschickt. "
               "Lesen Sie es und nehmen Sie es an oder lehnen Sie es ab, solange es gilt:\n\n"
               "{link}\n\n{consortium}\n"),
    },
    "contract_awarded": {
        "en": ("{consortium}: contract awarded",
               "Dear {name},\n\n"
               "thank you for awarding the contract to {consortium}. It is recorded, and you "
               "can follow its delivery here:\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: contrato adjudicado",
               "Estimado/a {name}:\n\n"
               "gracias por adjudicar el contrato a {consortium}. Ya está registrado y puede "
               "seguir su ejecución aquí:\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : contrat attribué",
               "Bonjour {name},\n\n"
               "merci d'avoir attribué le contrat à {consortium}. Il est enregistré, et vous "
               "pouvez en suivre l'exécution ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Auftrag erteilt",
               "Guten Tag {name},\n\n"
               "vielen Dank, dass Sie {consortium} den Auftrag erteilt haben. Er ist erfasst, "
               "und Sie verfolgen die Ausführung hier:\n\n{link}\n\n{consortium}\n"),
    },
}
DEFAULT_LANGUAGE = "en"


def words(kind: str, language: str | None, **values: str) -> tuple[str, str]:
    """The subject and body of one mail, in the language asked for (English otherwise)."""
    texts = TEXTS[kind]
    subject, body = texts.get(language or DEFAULT_LANGUAGE) or texts[DEFAULT_LANGUAGE]
    return subject.format(**values), body.format(**values)
