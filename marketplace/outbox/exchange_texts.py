"""The words of the exchange's mails: a question, its answer, a revision asked and sent.

Placeholders beyond {name}, {link} and {consortium}: {number} (the quote's version),
{price} and {valid_until} (written in the mail's language by step_texts.step_values), and
{respond_by} (a moment every language reads).
"""

from __future__ import annotations

# kind -> language -> (subject, body)
EXCHANGE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "question_asked": {
        "en": ("{consortium}: the buyer asked a question",
               "Dear {name},\n\n"
               "the buyer of a request for quotation to {consortium} asked a question. "
               "Answer it here, and share the answer with the members asked to price if it "
               "helps them:\n\n{link}\n"),
        "es": ("{consortium}: el comprador ha hecho una pregunta",
               "Estimado/a {name}:\n\n"
               "el comprador de una solicitud de presupuesto a {consortium} ha hecho una "
               "pregunta. Respóndala aquí, y comparta la respuesta con los miembros a los que "
               "se pidió precio si les ayuda:\n\n{link}\n"),
        "fr": ("{consortium} : l'acheteur a posé une question",
               "Bonjour {name},\n\n"
               "l'acheteur d'une demande de devis adressée à {consortium} a posé une question. "
               "Répondez-y ici, et partagez la réponse avec les membres sollicités si elle "
               "les aide :\n\n{link}\n"),
        "de": ("{consortium}: Der Käufer hat eine Frage gestellt",
               "Guten Tag {name},\n\n"
               "der Käufer einer Angebotsanfrage an {consortium} hat eine Frage gestellt. "
               "Beantworten Sie sie hier, und teilen Sie die Antwort mit den angefragten "
               "Mitgliedern, wenn sie ihnen hilft:\n\n{link}\n"),
    },
    "question_answered": {
        "en": ("{consortium}: your question is answered",
               "Dear {name},\n\n"
               "{consortium} has answered your question about your request for quotation. "
               "Read the answer here:\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: su pregunta tiene respuesta",
               "Estimado/a {name}:\n\n"
               "{consortium} ha respondido a su pregunta sobre su solicitud de presupuesto. "
               "Lea la respuesta aquí:\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : votre question a reçu une réponse",
               "Bonjour {name},\n\n"
               "{consortium} a répondu à votre question sur votre demande de devis. "
               "Lisez la réponse ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Ihre Frage ist beantwortet",
               "Guten Tag {name},\n\n"
               "{consortium} hat Ihre Frage zu Ihrer Angebotsanfrage beantwortet. "
               "Lesen Sie die Antwort hier:\n\n{link}\n\n{consortium}\n"),
    },
    "revision_requested": {
        "en": ("{consortium}: the buyer asks for a revised quote",
               "Dear {name},\n\n"
               "the buyer asks {consortium} for a revised quote. The consortium's rules ask "
               "for an answer by {respond_by}. Read the buyer's message, ask the members "
               "again if needed and send the revised quote here:\n\n{link}\n"),
        "es": ("{consortium}: el comprador pide un presupuesto revisado",
               "Estimado/a {name}:\n\n"
               "el comprador pide a {consortium} un presupuesto revisado. Las reglas del "
               "consorcio piden responder antes del {respond_by}. Lea el mensaje del "
               "comprador, vuelva a consultar a los miembros si hace falta y envíe el "
               "presupuesto revisado aquí:\n\n{link}\n"),
        "fr": ("{consortium} : l'acheteur demande un devis révisé",
               "Bonjour {name},\n\n"
               "l'acheteur demande à {consortium} un devis révisé. Les règles du consortium "
               "demandent une réponse avant le {respond_by}. Lisez le message de l'acheteur, "
               "sollicitez à nouveau les membres si besoin et envoyez le devis révisé "
               "ici :\n\n{link}\n"),
        "de": ("{consortium}: Der Käufer bittet um ein überarbeitetes Angebot",
               "Guten Tag {name},\n\n"
               "der Käufer bittet {consortium} um ein überarbeitetes Angebot. Die Regeln des "
               "Konsortiums verlangen eine Antwort bis {respond_by}. Lesen Sie die Nachricht "
               "des Käufers, fragen Sie die Mitglieder bei Bedarf erneut an und senden Sie "
               "das überarbeitete Angebot hier:\n\n{link}\n"),
    },
    "revised_quote_sent": {
        "en": ("{consortium}: your revised quote (version {number})",
               "Dear {name},\n\n"
               "{consortium} has sent you version {number} of its quote: {price}, valid "
               "until {valid_until}. It replaces the earlier version. Accept or decline it "
               "here:\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: su presupuesto revisado (versión {number})",
               "Estimado/a {name}:\n\n"
               "{consortium} le ha enviado la versión {number} de su presupuesto: {price}, "
               "válida hasta el {valid_until}. Sustituye a la versión anterior. Acéptela o "
               "rechácela aquí:\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : votre devis révisé (version {number})",
               "Bonjour {name},\n\n"
               "{consortium} vous a envoyé la version {number} de son devis : {price}, "
               "valable jusqu'au {valid_until}. Elle remplace la version précédente. "
               "Acceptez-la ou refusez-la ici :\n\n{link}\n\n{consortium}\n"),
        "de": ("{consortium}: Ihr überarbeitetes Angebot (Version {number})",
               "Guten Tag {name},\n\n"
               "{consortium} hat Ihnen Version {number} seines Angebots gesendet: {price}, "
               "gültig bis {valid_until}. Sie ersetzt die frühere Version. Nehmen Sie sie "
               "hier an oder lehnen Sie sie ab:\n\n{link}\n\n{consortium}\n"),
    },
}

