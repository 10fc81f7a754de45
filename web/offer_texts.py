"""The offer's text in each of the site's languages, as the agency and the desk forms send it."""

from __future__ import annotations

from flask import request

from marketplace.people import LANGUAGES


def typed_texts() -> dict[str, str]:
    """The texts as typed, by language: a field left out of the form changes nothing."""
    return {language: request.form[f"summary_{language}"] for language in LANGUAGES
            if f"summary_{language}" in request.form}
