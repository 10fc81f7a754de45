"""The words of a meeting's invitation and cancellation, in the reader's language.

Placeholders beyond {name} and {link}: {consortium}, {topic}, {day} (written in the
reader's language), {starts} and {time_zone} (the local time and its zone), {where} (the
place, the video link, or both) and, for a cancellation, {reason}.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

MEETING_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "meeting_invitation": {
        "en": ("{consortium}: invitation to a meeting on {day}",
               "Dear {name},\n\n"
               "{consortium} invites your company to a meeting: {topic}.\n\n"
               "When: {day}, {starts} ({time_zone})\nWhere: {where}\n\n"
               "The invitation is attached for your calendar. The consortium's page:\n\n"
               "{link}\n"),
        "es": ("{consortium}: convocatoria a una reunión el {day}",
               "Estimado/a {name}:\n\n"
               "{consortium} convoca a su empresa a una reunión: {topic}.\n\n"
               "Cuándo: {day}, {starts} ({time_zone})\nDónde: {where}\n\n"
               "Adjuntamos la convocatoria para su calendario. La página del consorcio:\n\n"
               "{link}\n"),
        "fr": ("{consortium} : invitation à une réunion le {day}",
               "Bonjour {name},\n\n"
               "{consortium} invite votre entreprise à une réunion : {topic}.\n\n"
               "Quand : {day}, {starts} ({time_zone})\nOù : {where}\n\n"
               "L'invitation est jointe pour votre agenda. La page du consortium :\n\n"
               "{link}\n"),
        "de": ("{consortium}: Einladung zu einem Treffen am {day}",
               "Guten Tag {name},\n\n"
               "{consortium} lädt Ihr Unternehmen zu einem Treffen ein: {topic}.\n\n"
               "Wann: {day}, {starts} ({time_zone})\nWo: {where}\n\n"
               "Die Einladung für Ihren Kalender ist beigefügt. Die Seite des Konsortiums:\n\n"
               "{link}\n"),
    },
    "meeting_cancelled": {
        "en": ("{consortium}: the meeting on {day} is cancelled",
               "Dear {name},\n\n"
               "the meeting of {consortium} on {day}, {starts} ({time_zone}) ({topic}) "
               "will not take place. "
               "Reason: {reason}\n\n"
               "The attached file removes it from your calendar.\n\n{link}\n"),
        "es": ("{consortium}: se anula la reunión del {day}",
               "Estimado/a {name}:\n\n"
               "la reunión de {consortium} del {day}, {starts} ({time_zone}) ({topic}) "
               "no se celebrará. "
               "Motivo: {reason}\n\n"
               "El archivo adjunto la retira de su calendario.\n\n{link}\n"),
        "fr": ("{consortium} : la réunion du {day} est annulée",
               "Bonjour {name},\n\n"
               "la réunion de {consortium} du {day}, {starts} ({time_zone}) ({topic}) "
               "n'aura pas lieu. "
               "Motif : {reason}\n\n"
               "Le fichier joint la retire de votre agenda.\n\n{link}\n"),
        "de": ("{consortium}: das Treffen am {day} fällt aus",
               "Guten Tag {name},\n\n"
               "das Treffen von {consortium} am {day}, {starts} ({time_zone}) ({topic}) "
               "findet nicht statt. "
               "Grund: {reason}\n\n"
               "Die beigefügte Datei entfernt es aus Ihrem Kalender.\n\n{link}\n"),
    },
}


def meeting_values(language: str, values: dict[str, str]) -> dict[str, str]:
    """The day and time written in the reader's language, and the place and/or the call."""
    day = format_date(date.fromisoformat(values["on"]), "long", locale=language)
    where = " / ".join(v for v in (values.get("place"), values.get("video_link")) if v)
    return {**values, "day": day, "where": where or "-"}
