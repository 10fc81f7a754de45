"""The mails' words, per kind and language: short plain text with the link on its own line.

Placeholders: {name} (the recipient), {consortium}, {link}. The values are inserted as
they are, never read as placeholders themselves.
"""

from __future__ import annotations

from marketplace.outbox.account_texts import ACCOUNT_TEXTS
from marketplace.outbox.agreement_mail import AGREEMENT_TEXTS
from marketplace.outbox.buyer_texts import BUYER_TEXTS
from marketplace.outbox.exchange_texts import EXCHANGE_TEXTS
from marketplace.outbox.fee_mail import FEE_TEXTS, fee_values
from marketplace.outbox.meeting_texts import MEETING_TEXTS, meeting_values
from marketplace.outbox.notice_texts import NOTICE_TEXTS, localised
from marketplace.outbox.quote_texts import quote_terms
from marketplace.outbox.step_texts import STEP_TEXTS, step_values

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
               "{consortium} has sent you its quote for the full service you asked for. "
               "{quote_terms}\n\nRead it, and accept or decline it while it is valid, "
               "here:\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: su presupuesto está listo",
               "Estimado/a {name}:\n\n"
               "{consortium} le ha enviado su presupuesto para el servicio completo que "
               "solicitó. {quote_terms}\n\nLéalo, y acéptelo o rechácelo mientras sea válido, "
               "aquí:\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : votre devis est prêt",
               "Bonjour {name},\n\n"
               "{consortium} vous a envoyé son devis pour le service complet demandé. "
               "{quote_terms}\n\nConsultez-le, puis acceptez-le ou refusez-le tant qu'il est "
               "valable, ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Ihr Angebot liegt vor",
               "Guten Tag {name},\n\n"
               "{consortium} hat Ihnen das Angebot für die angefragte Gesamtleistung geschickt. "
               "{quote_terms}\n\nLesen Sie es und nehmen Sie es an oder lehnen Sie es ab, "
               "solange es gilt:\n\n{link}\n\n{consortium}\n"),
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
    "invitation": {
        "en": ("You are invited to the export consortia workspace",
               "Dear {name},\n\n"
               "an agency officer has opened an account for you in the export consortia "
               "workspace. Choose your password here; the link works once, for seven days. "
               "Keep it to yourself.\n\n{link}\n\n"
               "Then sign in with this e-mail address and your password.\n"),
        "es": ("Le invitamos al espacio de trabajo de los consorcios de exportación",
               "Estimado/a {name}:\n\n"
               "un técnico de la agencia le ha abierto una cuenta en el espacio de trabajo de "
               "los consorcios de exportación. Elija su contraseña aquí; el enlace sirve una "
               "sola vez, durante siete días. No lo comparta.\n\n{link}\n\n"
               "Después, entre con esta dirección de correo y su contraseña.\n"),
        "fr": ("Invitation à l'espace de travail des consortiums d'exportation",
               "Bonjour {name},\n\n"
               "un chargé de mission de l'agence vous a ouvert un compte dans l'espace de "
               "travail des consortiums d'exportation. Choisissez votre mot de passe ici ; le "
               "lien ne sert qu'une fois, pendant sept jours. Gardez-le pour vous.\n\n"
               "{link}\n\n"
               "Connectez-vous ensuite avec cette adresse e-mail et votre mot de passe.\n"),
        "de": ("Einladung in den Arbeitsbereich der Exportkonsortien",
               "Guten Tag {name},\n\n"
               "die Agentur hat Ihnen ein Konto im Arbeitsbereich der Exportkonsortien "
               "eröffnet. Wählen Sie hier Ihr Passwort; der Link gilt einmal und sieben Tage "
               "lang. Geben Sie ihn nicht weiter.\n\n{link}\n\n"
               "Melden Sie sich danach mit dieser E-Mail-Adresse und Ihrem Passwort an.\n"),
    },
}
TEXTS.update(NOTICE_TEXTS)  # issue 4's notices to the workspace
# An award mail written before the award's facts (reference, value) were kept reads as it
# did then; every new one names them.
EARLIER_TEXTS = {"contract_awarded": TEXTS["contract_awarded"]}
TEXTS.update(STEP_TEXTS)  # issue 13's mails at each step the buyer or a manager waits on
TEXTS.update(BUYER_TEXTS)  # the buyer's own space: sign-in link, re-sent tracking link
TEXTS.update(EXCHANGE_TEXTS)  # issue 13's questions and revisions
TEXTS.update(MEETING_TEXTS)  # issue 16's invitations to meetings, and their cancellations
TEXTS.update(ACCOUNT_TEXTS)  # issue 16's "forgot password" link
TEXTS.update(AGREEMENT_TEXTS)  # issue 16: a new version of the rules to sign
TEXTS.update(FEE_TEXTS)  # issue 16: a fee assessed, and its reminders
DEFAULT_LANGUAGE = "en"
# The mails whose one link goes with them and is not kept after (marketplace/sealing.py).
ONE_LINK_KINDS = ("invitation", "buyer_sign_in", "password_reset")

# In place of the link when its token is no longer kept (marketplace/sealing.py): the
# RFQ ended, or the invitation mail was sent already. The mail still goes.
NO_LINK: dict[str, str] = {
    "en": "(This mail cannot carry the link any more: use the one from our first mail "
          "about this request.)",
    "es": "(Este correo ya no puede incluir el enlace: use el de nuestro primer correo "
          "sobre esta solicitud.)",
    "fr": "(Ce message ne peut plus contenir le lien : utilisez celui de notre premier "
          "message au sujet de cette demande.)",
    "de": "(Diese Nachricht kann den Link nicht mehr enthalten: Verwenden Sie den aus "
          "unserer ersten Nachricht zu dieser Anfrage.)",
}
# An invitation's link is dropped once its mail is sent: only the outbox page shows this.
NO_LINK_KEPT: dict[str, str] = {
    "en": "(The link went with this mail and is no longer kept.)",
    "es": "(El enlace se envió con este correo y ya no se conserva.)",
    "fr": "(Le lien est parti avec ce message et n'est plus conservé.)",
    "de": "(Der Link ging mit dieser Nachricht hinaus und wird nicht mehr aufbewahrt.)",
}


def words(kind: str, language: str | None, **values: str) -> tuple[str, str]:
    """The subject and body of one mail, in the language asked for (English otherwise);
    with no link given, the words say where the link is."""
    texts = TEXTS[kind]
    if kind in EARLIER_TEXTS and "reference" not in values:
        texts = EARLIER_TEXTS[kind]
    chosen = language if language and language in texts else DEFAULT_LANGUAGE
    values.setdefault("link", (NO_LINK_KEPT if kind in ONE_LINK_KINDS
                               else NO_LINK)[chosen])
    if kind == "quote_ready":
        values.setdefault("quote_terms", quote_terms(chosen, values))
    if kind in MEETING_TEXTS:
        values = meeting_values(chosen, values)
    if kind in FEE_TEXTS:
        values = fee_values(chosen, values)
    subject, body = texts[chosen]
    values = step_values(chosen, localised(chosen, values))
    return subject.format(**values), body.format(**values)
