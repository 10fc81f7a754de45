"""The words of the accounts' own mails: the "forgot password" link."""

from __future__ import annotations

# kind -> language -> (subject, body)
ACCOUNT_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "password_reset": {
        "en": ("Your link to choose a new password",
               "Dear {name},\n\n"
               "someone, hopefully you, asked to reset the password of your account in the "
               "export consortia workspace. This link lets you choose a new one, once, "
               "within 30 minutes. Keep it to yourself.\n\n{link}\n\n"
               "Choosing a new password signs you out everywhere else. If you did not ask "
               "for it, ignore this mail: your password stays as it is.\n"),
        "es": ("Su enlace para elegir una contraseña nueva",
               "Estimado/a {name}:\n\n"
               "alguien, esperamos que usted, ha pedido restablecer la contraseña de su "
               "cuenta en el espacio de trabajo de los consorcios de exportación. Este enlace "
               "le permite elegir una nueva, una sola vez, durante 30 minutos. No lo "
               "comparta.\n\n{link}\n\n"
               "Al elegir una contraseña nueva se cierran sus demás sesiones. Si no lo ha "
               "pedido, ignore este correo: su contraseña no cambia.\n"),
        "fr": ("Votre lien pour choisir un nouveau mot de passe",
               "Bonjour {name},\n\n"
               "quelqu'un, vous sans doute, a demandé à réinitialiser le mot de passe de "
               "votre compte dans l'espace de travail des consortiums d'exportation. Ce lien "
               "vous permet d'en choisir un nouveau, une seule fois, dans les 30 minutes. "
               "Gardez-le pour vous.\n\n{link}\n\n"
               "Choisir un nouveau mot de passe ferme vos autres sessions. Si vous ne l'avez "
               "pas demandé, ignorez ce message : votre mot de passe reste le même.\n"),
        "de": ("Ihr Link zur Wahl eines neuen Passworts",
               "Guten Tag {name},\n\n"
               "jemand, hoffentlich Sie, möchte das Passwort Ihres Kontos im Arbeitsbereich "
               "der Exportkonsortien zurücksetzen. Mit diesem Link wählen Sie einmal, "
               "innerhalb von 30 Minuten, ein neues. Geben Sie ihn nicht weiter.\n\n{link}\n\n"
               "Ein neues Passwort meldet Sie überall sonst ab. Wenn Sie es nicht angefordert "
               "haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.\n"),
    },
}
