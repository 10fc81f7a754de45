"""The words of the buyer's own-space mails: the sign-in link, and a re-sent tracking link."""

from __future__ import annotations

# kind -> language -> (subject, body)
BUYER_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "buyer_sign_in": {
        "en": ("Your link to sign in to your requests",
               "Dear {name},\n\n"
               "someone, hopefully you, asked to see the requests for quotation sent from "
               "this address. This link signs you in once, within 15 minutes. Keep it to "
               "yourself.\n\n{link}\n\n"
               "If you did not ask for it, ignore this mail: nothing happens.\n"),
        "es": ("Su enlace para entrar en sus solicitudes",
               "Estimado/a {name}:\n\n"
               "alguien, esperamos que usted, ha pedido ver las solicitudes de presupuesto "
               "enviadas desde esta dirección. Este enlace le permite entrar una sola vez, "
               "durante 15 minutos. No lo comparta.\n\n{link}\n\n"
               "Si no lo ha pedido, ignore este correo: no ocurrirá nada.\n"),
        "fr": ("Votre lien pour accéder à vos demandes",
               "Bonjour {name},\n\n"
               "quelqu'un, vous sans doute, a demandé à voir les demandes de devis envoyées "
               "depuis cette adresse. Ce lien vous connecte une seule fois, dans les "
               "15 minutes. Gardez-le pour vous.\n\n{link}\n\n"
               "Si vous ne l'avez pas demandé, ignorez ce message : rien ne se passera.\n"),
        "de": ("Ihr Link zur Anmeldung bei Ihren Anfragen",
               "Guten Tag {name},\n\n"
               "jemand, hoffentlich Sie, möchte die von dieser Adresse gesendeten "
               "Angebotsanfragen sehen. Dieser Link meldet Sie einmal an, innerhalb von "
               "15 Minuten. Geben Sie ihn nicht weiter.\n\n{link}\n\n"
               "Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht: "
               "Es geschieht nichts.\n"),
    },
    "tracking_link_resent": {
        "en": ("{consortium}: a new link to your request",
               "Dear {name},\n\n"
               "here is a new private link to your request to {consortium}. The links we "
               "sent before no longer work. Keep this one to yourself: whoever has it can "
               "see and answer your quote.\n\n{link}\n\n{consortium}\n"),
        "es": ("{consortium}: un nuevo enlace a su solicitud",
               "Estimado/a {name}:\n\n"
               "aquí tiene un nuevo enlace privado a su solicitud a {consortium}. Los enlaces "
               "que le enviamos antes ya no funcionan. No comparta este: quien lo tenga puede "
               "ver y responder a su presupuesto.\n\n{link}\n\n{consortium}\n"),
        "fr": ("{consortium} : un nouveau lien vers votre demande",
               "Bonjour {name},\n\n"
               "voici un nouveau lien privé vers votre demande adressée à {consortium}. Les "
               "liens envoyés auparavant ne fonctionnent plus. Gardez celui-ci pour vous : "
               "toute personne qui l'a peut voir votre devis et y répondre.\n\n{link}\n\n"
               "{consortium}\n"),
        "de": ("{consortium}: ein neuer Link zu Ihrer Anfrage",
               "Guten Tag {name},\n\n"
               "hier ist ein neuer privater Link zu Ihrer Anfrage an {consortium}. Die zuvor "
               "gesendeten Links funktionieren nicht mehr. Geben Sie diesen nicht weiter: "
               "Wer ihn hat, kann Ihr Angebot sehen und beantworten.\n\n{link}\n\n"
               "{consortium}\n"),
    },
}
