"""The words of the workspace's notices (to managers, member users and the agency).

Account holders have no language in the vault, so they read English unless a record
says otherwise. Placeholders beyond {name}, {link} and {consortium} are the kind's facts.
"""

from __future__ import annotations

from marketplace.moneyformat import format_money, money_text

# kind -> language -> (subject, body)
NOTICE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "rfq_new": {
        "en": ("{consortium}: a new request for quotation",
               "Dear {name},\n\n"
               "a buyer has sent {consortium} a request for quotation. The consortium's rules "
               "ask for an answer by {respond_by}. Qualify or decline it here:\n\n{link}\n"),
        "es": ("{consortium}: nueva solicitud de presupuesto",
               "Estimado/a {name}:\n\n"
               "un comprador ha enviado a {consortium} una solicitud de presupuesto. Las reglas "
               "del consorcio piden responder antes del {respond_by}. Califíquela o recházela "
               "aquí:\n\n{link}\n"),
        "fr": ("{consortium} : nouvelle demande de devis",
               "Bonjour {name},\n\n"
               "un acheteur a adressé une demande de devis à {consortium}. Les règles du "
               "consortium demandent une réponse avant le {respond_by}. Qualifiez-la ou "
               "refusez-la ici :\n\n{link}\n"),
        "de": ("{consortium}: neue Angebotsanfrage",
               "Guten Tag {name},\n\n"
               "ein Käufer hat {consortium} eine Angebotsanfrage geschickt. Nach den Regeln des "
               "Konsortiums ist bis {respond_by} zu antworten. Nehmen Sie sie hier an oder "
               "lehnen Sie sie ab:\n\n{link}\n"),
    },
    "response_due": {
        "en": ("{consortium}: an RFQ needs an answer by {respond_by}",
               "Dear {name},\n\n"
               "a request for quotation to {consortium} is still unanswered, and the "
               "consortium's rules ask for an answer by {respond_by}. Quote or decline it "
               "here:\n\n{link}\n"),
        "es": ("{consortium}: una solicitud espera respuesta antes del {respond_by}",
               "Estimado/a {name}:\n\n"
               "una solicitud de presupuesto a {consortium} sigue sin respuesta, y las reglas "
               "del consorcio piden responder antes del {respond_by}. Presupuéstela o "
               "recházela aquí:\n\n{link}\n"),
        "fr": ("{consortium} : une demande attend une réponse avant le {respond_by}",
               "Bonjour {name},\n\n"
               "une demande de devis adressée à {consortium} est toujours sans réponse, et les "
               "règles du consortium demandent une réponse avant le {respond_by}. Envoyez un "
               "devis ou refusez-la ici :\n\n{link}\n"),
        "de": ("{consortium}: eine Anfrage ist bis {respond_by} zu beantworten",
               "Guten Tag {name},\n\n"
               "eine Angebotsanfrage an {consortium} ist noch unbeantwortet, und nach den "
               "Regeln des Konsortiums ist bis {respond_by} zu antworten. Schicken Sie hier "
               "ein Angebot oder lehnen Sie sie ab:\n\n{link}\n"),
    },
    "contribution_requested": {
        "en": ("{consortium}: please price the {stage} stage",
               "Dear {name},\n\n"
               "the manager of {consortium} asks your company to price its work on the "
               "{stage} stage of a request for quotation, by {due_on}. Commit your price and "
               "lead time here:\n\n{link}\n"),
        "es": ("{consortium}: presupueste la etapa de {stage}",
               "Estimado/a {name}:\n\n"
               "la gerencia de {consortium} pide a su empresa que presupueste su trabajo en la "
               "etapa de {stage} de una solicitud de presupuesto, antes del {due_on}. Indique "
               "su precio y su plazo aquí:\n\n{link}\n"),
        "fr": ("{consortium} : chiffrez l'étape {stage}",
               "Bonjour {name},\n\n"
               "la direction de {consortium} demande à votre entreprise de chiffrer son travail "
               "sur l'étape {stage} d'une demande de devis, avant le {due_on}. Indiquez votre "
               "prix et votre délai ici :\n\n{link}\n"),
        "de": ("{consortium}: bitte bepreisen Sie die Stufe {stage}",
               "Guten Tag {name},\n\n"
               "die Geschäftsführung von {consortium} bittet Ihr Unternehmen, seine Arbeit in "
               "der Stufe {stage} einer Angebotsanfrage bis {due_on} zu bepreisen. Geben Sie "
               "Preis und Lieferzeit hier an:\n\n{link}\n"),
    },
    "work_share_awarded": {
        "en": ("{consortium}: contract {reference} awarded",
               "Dear {name},\n\n"
               "the buyer has awarded contract {reference} to {consortium}. Your company's "
               "work share is {share}. Your contracts are here:\n\n{link}\n"),
        "es": ("{consortium}: contrato {reference} adjudicado",
               "Estimado/a {name}:\n\n"
               "el comprador ha adjudicado el contrato {reference} a {consortium}. La parte "
               "del trabajo de su empresa es de {share}. Sus contratos están aquí:\n\n{link}\n"),
        "fr": ("{consortium} : contrat {reference} attribué",
               "Bonjour {name},\n\n"
               "l'acheteur a attribué le contrat {reference} à {consortium}. La part de travail "
               "de votre entreprise est de {share}. Vos contrats sont ici :\n\n{link}\n"),
        "de": ("{consortium}: Auftrag {reference} erteilt",
               "Guten Tag {name},\n\n"
               "der Käufer hat {consortium} den Auftrag {reference} erteilt. Der Arbeitsanteil "
               "Ihres Unternehmens beträgt {share}. Ihre Aufträge finden Sie hier:\n\n{link}\n"),
    },
    "rfq_overdue": {
        "en": ("{consortium} has not answered an RFQ in time",
               "Dear {name},\n\n"
               "{consortium} has not answered a request for quotation that its rules required "
               "it to answer by {respond_by}. The consortium's figures are here:\n\n{link}\n"),
        "es": ("{consortium} no ha respondido a tiempo a una solicitud",
               "Estimado/a {name}:\n\n"
               "{consortium} no ha respondido a una solicitud de presupuesto que sus reglas "
               "le obligaban a responder antes del {respond_by}. Las cifras del consorcio "
               "están aquí:\n\n{link}\n"),
        "fr": ("{consortium} n'a pas répondu à temps à une demande",
               "Bonjour {name},\n\n"
               "{consortium} n'a pas répondu à une demande de devis à laquelle ses règles "
               "l'obligeaient à répondre avant le {respond_by}. Les chiffres du consortium "
               "sont ici :\n\n{link}\n"),
        "de": ("{consortium} hat eine Anfrage nicht rechtzeitig beantwortet",
               "Guten Tag {name},\n\n"
               "{consortium} hat eine Angebotsanfrage nicht beantwortet, die nach seinen "
               "Regeln bis {respond_by} zu beantworten war. Die Kennzahlen des Konsortiums "
               "finden Sie hier:\n\n{link}\n"),
    },
}

# The stages of the value chain as each language names them in these mails.
STAGE_WORDS: dict[str, dict[str, str]] = {
    "es": {"design": "diseño", "engineering": "ingeniería", "manufacturing": "fabricación",
           "logistics": "logística", "installation": "instalación",
           "maintenance": "mantenimiento"},
    "fr": {"design": "conception", "engineering": "ingénierie", "manufacturing": "fabrication",
           "logistics": "logistique", "installation": "installation",
           "maintenance": "maintenance"},
    "de": {"design": "Entwicklung", "engineering": "Konstruktion", "manufacturing": "Fertigung",
           "logistics": "Logistik", "installation": "Montage", "maintenance": "Wartung"},
}


def localised(language: str, values: dict[str, str]) -> dict[str, str]:
    """The values with a stage named, and a sum of money written, in the mail's language
    (English stage names stay as stored)."""
    values = {**values, **_money_words(language, values)}
    stage = values.get("stage")
    if stage is None:
        return values
    return {**values, "stage": STAGE_WORDS.get(language, {}).get(stage, stage)}


def _money_words(language: str, values: dict[str, str]) -> dict[str, str]:
    # A share kept as amount and currency; a row from before keeps only str(Money).
    share = values.get("share")
    if values.get("share_amount") and values.get("share_currency"):
        return {"share": format_money(values["share_amount"], values["share_currency"],
                                      language)}
    return {"share": money_text(share, language)} if share else {}
