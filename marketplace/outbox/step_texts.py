"""The words of the mails at each step someone waits on: to the buyer, and to the managers.

The buyer reads them in the language of the request; managers read English unless their
record says otherwise. Placeholders beyond {name}, {link} and {consortium} are the kind's
facts; a sum of money ({price}, {value}) and a day ({valid_until}) are written in the
reader's language by `step_values`.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from marketplace.moneyformat import format_money

# kind -> language -> (subject, body)
BUYER_STEP_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "rfq_declined": {
        "en": ("{consortium} cannot quote for your request",
               "Dear {name},\n\n"
               "thank you for your request for quotation. {consortium} has looked at it and "
               "cannot make you an offer this time. Its reason:\n\n{reason}\n\n"
               "Your request stays on record here:\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium} no puede presupuestar su solicitud",
               "Estimado/a {name}:\n\n"
               "gracias por su solicitud de presupuesto. {consortium} la ha estudiado y esta "
               "vez no puede hacerle una oferta. Su motivo:\n\n{reason}\n\n"
               "Su solicitud sigue registrada aquí:\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} ne peut pas chiffrer votre demande",
               "Bonjour {name},\n\n"
               "merci pour votre demande de devis. {consortium} l'a étudiée et ne peut pas vous "
               "faire d'offre cette fois-ci. Sa raison :\n\n{reason}\n\n"
               "Votre demande reste consultable ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium} kann Ihre Anfrage nicht anbieten",
               "Guten Tag {name},\n\n"
               "vielen Dank für Ihre Angebotsanfrage. {consortium} hat sie geprüft und kann "
               "Ihnen diesmal kein Angebot machen. Die Begründung:\n\n{reason}\n\n"
               "Ihre Anfrage bleibt hier einsehbar:\n\n{link}\n\n{consortium}\n"),
    },
    "quote_accepted": {
        "en": ("{consortium}: you accepted the quote",
               "Dear {name},\n\n"
               "thank you: you accepted the quote of {consortium} for {price}. Its manager "
               "will contact you to agree the contract and its reference; the award will "
               "then show on your request's page:\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: ha aceptado el presupuesto",
               "Estimado/a {name}:\n\n"
               "gracias: ha aceptado el presupuesto de {consortium} por {price}. Su gerencia "
               "se pondrá en contacto con usted para acordar el contrato y su referencia; la "
               "adjudicación aparecerá después en la página de su solicitud:\n\n{link}\n\n"
               "{consortium}\n"),
        "fr": ("{consortium} : vous avez accepté le devis",
               "Bonjour {name},\n\n"
               "merci : vous avez accepté le devis de {consortium} pour {price}. Sa direction "
               "vous contactera pour convenir du contrat et de sa référence ; l'attribution "
               "apparaîtra ensuite sur la page de votre demande :\n\n{link}\n\n"
               "{consortium}\n"),
        "de": ("{consortium}: Sie haben das Angebot angenommen",
               "Guten Tag {name},\n\n"
               "vielen Dank: Sie haben das Angebot von {consortium} über {price} angenommen. "
               "Die Geschäftsführung meldet sich bei Ihnen, um den Vertrag und sein Zeichen "
               "zu vereinbaren; der Auftrag erscheint dann auf der Seite Ihrer Anfrage:\n\n"
               "{link}\n\n{consortium}\n"),
    },
    "quote_declined": {
        "en": ("{consortium}: you declined the quote",
               "Dear {name},\n\n"
               "you declined the quote of {consortium}; it has been told, with your reason. "
               "Nothing more is asked of you. Your request stays on record here:\n\n{link}\n\n"
               "{consortium}\n"),
        "es": ("{consortium}: ha rechazado el presupuesto",
               "Estimado/a {name}:\n\n"
               "ha rechazado el presupuesto de {consortium}, que ya lo sabe, con su motivo. "
               "No tiene que hacer nada más. Su solicitud sigue registrada aquí:\n\n{link}\n\n"
               "{consortium}\n"),
        "fr": ("{consortium} : vous avez refusé le devis",
               "Bonjour {name},\n\n"
               "vous avez refusé le devis de {consortium}, qui en est informé, avec votre "
               "raison. Rien d'autre ne vous est demandé. Votre demande reste consultable "
               "ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Sie haben das Angebot abgelehnt",
               "Guten Tag {name},\n\n"
               "Sie haben das Angebot von {consortium} abgelehnt; das Konsortium ist mit Ihrer "
               "Begründung informiert. Weiteres ist nicht zu tun. Ihre Anfrage bleibt hier "
               "einsehbar:\n\n{link}\n\n{consortium}\n"),
    },
    "quote_expiring": {
        "en": ("{consortium}: your quote is valid until {valid_until}",
               "Dear {name},\n\n"
               "the quote of {consortium} for {price} is valid until {valid_until}. To take "
               "it, accept it by then; you may also decline it. Both are here:\n\n{link}\n\n"
               "{consortium}\n"),
        "es": ("{consortium}: su presupuesto es válido hasta el {valid_until}",
               "Estimado/a {name}:\n\n"
               "el presupuesto de {consortium} por {price} es válido hasta el {valid_until}. "
               "Si lo quiere, acéptelo antes; también puede rechazarlo. Ambas cosas, "
               "aquí:\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : votre devis est valable jusqu'au {valid_until}",
               "Bonjour {name},\n\n"
               "le devis de {consortium} pour {price} est valable jusqu'au {valid_until}. "
               "Pour le retenir, acceptez-le d'ici là ; vous pouvez aussi le refuser. Les "
               "deux se font ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Ihr Angebot gilt bis {valid_until}",
               "Guten Tag {name},\n\n"
               "das Angebot von {consortium} über {price} gilt bis {valid_until}. Wenn Sie es "
               "wollen, nehmen Sie es bis dahin an; Sie können es auch ablehnen. Beides "
               "hier:\n\n{link}\n\n{consortium}\n"),
    },
    "contract_awarded": {
        "en": ("{consortium}: contract {reference} awarded",
               "Dear {name},\n\n"
               "thank you for awarding contract {reference} to {consortium}, for {value}. It "
               "is recorded, and you can follow its delivery here:\n\n{link}\n\n"
               "{consortium}\n"),
        "es": ("{consortium}: contrato {reference} adjudicado",
               "Estimado/a {name}:\n\n"
               "gracias por adjudicar el contrato {reference} a {consortium}, por {value}. "
               "Ya está registrado y puede seguir su ejecución aquí:\n\n{link}\n\n"
               "{consortium}\n"),
        "fr": ("{consortium} : contrat {reference} attribué",
               "Bonjour {name},\n\n"
               "merci d'avoir attribué le contrat {reference} à {consortium}, pour {value}. "
               "Il est enregistré, et vous pouvez en suivre l'exécution ici :\n\n{link}\n\n"
               "{consortium}\n"),
        "de": ("{consortium}: Auftrag {reference} erteilt",
               "Guten Tag {name},\n\n"
               "vielen Dank, dass Sie {consortium} den Auftrag {reference} über {value} "
               "erteilt haben. Er ist erfasst, und Sie verfolgen die Ausführung hier:\n\n"
               "{link}\n\n{consortium}\n"),
    },
}

MANAGER_STEP_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "buyer_accepted": {
        "en": ("{consortium}: {organisation} accepted the quote",
               "Dear {name},\n\n"
               "{organisation} accepted the quote of {consortium} for {price}. The buyer "
               "was told you will be in touch: contact them, then record the award "
               "here:\n\n{link}\n"),
        "es": ("{consortium}: {organisation} ha aceptado el presupuesto",
               "Estimado/a {name}:\n\n"
               "{organisation} ha aceptado el presupuesto de {consortium} por {price}. Al "
               "comprador se le ha dicho que usted le contactará: hágalo y registre después "
               "la adjudicación aquí:\n\n{link}\n"),
        "fr": ("{consortium} : {organisation} a accepté le devis",
               "Bonjour {name},\n\n"
               "{organisation} a accepté le devis de {consortium} pour {price}. L'acheteur "
               "sait que vous allez le contacter : faites-le, puis enregistrez l'attribution "
               "ici :\n\n{link}\n"),
        "de": ("{consortium}: {organisation} hat das Angebot angenommen",
               "Guten Tag {name},\n\n"
               "{organisation} hat das Angebot von {consortium} über {price} angenommen. Dem "
               "Käufer wurde gesagt, dass Sie sich melden: Tun Sie das und erfassen Sie "
               "danach den Auftrag hier:\n\n{link}\n"),
    },
    "buyer_declined": {
        "en": ("{consortium}: {organisation} declined the quote",
               "Dear {name},\n\n"
               "{organisation} declined the quote of {consortium}. The buyer's reason:\n\n"
               "{reason}\n\nThe request is here:\n\n{link}\n"),
        "es": ("{consortium}: {organisation} ha rechazado el presupuesto",
               "Estimado/a {name}:\n\n"
               "{organisation} ha rechazado el presupuesto de {consortium}. El motivo del "
               "comprador:\n\n{reason}\n\nLa solicitud está aquí:\n\n{link}\n"),
        "fr": ("{consortium} : {organisation} a refusé le devis",
               "Bonjour {name},\n\n"
               "{organisation} a refusé le devis de {consortium}. La raison de "
               "l'acheteur :\n\n{reason}\n\nLa demande est ici :\n\n{link}\n"),
        "de": ("{consortium}: {organisation} hat das Angebot abgelehnt",
               "Guten Tag {name},\n\n"
               "{organisation} hat das Angebot von {consortium} abgelehnt. Die Begründung "
               "des Käufers:\n\n{reason}\n\nDie Anfrage finden Sie hier:\n\n{link}\n"),
    },
    "contribution_committed": {
        "en": ("{consortium}: {company} priced the {stage} stage",
               "Dear {name},\n\n"
               "{company} committed {price} and {lead_time_days} days for the {stage} stage "
               "of the request from {organisation} to {consortium}. The contributions are "
               "here:\n\n{link}\n"),
        "es": ("{consortium}: {company} ha presupuestado la etapa de {stage}",
               "Estimado/a {name}:\n\n"
               "{company} se ha comprometido a {price} y {lead_time_days} días para la etapa "
               "de {stage} de la solicitud de {organisation} a {consortium}. Las "
               "contribuciones están aquí:\n\n{link}\n"),
        "fr": ("{consortium} : {company} a chiffré l'étape {stage}",
               "Bonjour {name},\n\n"
               "{company} s'est engagée sur {price} et {lead_time_days} jours pour l'étape "
               "{stage} de la demande de {organisation} à {consortium}. Les contributions "
               "sont ici :\n\n{link}\n"),
        "de": ("{consortium}: {company} hat die Stufe {stage} bepreist",
               "Guten Tag {name},\n\n"
               "{company} hat für die Stufe {stage} der Anfrage von {organisation} an "
               "{consortium} {price} und {lead_time_days} Tage zugesagt. Die Beiträge "
               "finden Sie hier:\n\n{link}\n"),
    },
}

STEP_TEXTS = {**BUYER_STEP_TEXTS, **MANAGER_STEP_TEXTS}

MONEY = ("price", "value")  # each kept as <name>_amount and <name>_currency


def step_values(language: str, values: dict[str, str]) -> dict[str, str]:
    """The values with each sum of money and the validity written in the mail's language."""
    written = dict(values)
    for name in MONEY:
        amount, currency = values.get(f"{name}_amount"), values.get(f"{name}_currency")
        if amount and currency:
            written[name] = format_money(amount, currency, language)
    if values.get("valid_until"):
        written["valid_until"] = format_date(date.fromisoformat(values["valid_until"]),
                                             "long", locale=language)
    return written
