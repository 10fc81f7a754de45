"""Request bodies checked against the very schemas the OpenAPI document publishes.

A body may carry only the fields its schema names, each of the JSON type the schema says
("stages" is an array of strings, never a string). Those two checks come from the schema,
so the document and the API cannot drift apart; the values themselves (is it a stage,
a country, a date in the future?) are then checked by the same rules as the forms, which
say what is wrong in the buyer's language.
"""

from __future__ import annotations

import functools
from typing import Any

from flask_babel import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from werkzeug.wrappers import Response

from web.api.schemas import SCHEMAS
from web.problems import problem

FORM_ERROR = "_form"
# What schema keywords this module answers for; the rest are the field rules' business.
_CHECKED = frozenset({"additionalProperties", "type"})


@functools.lru_cache(maxsize=16)
def _validator(name: str) -> Draft202012Validator:
    root = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}}
    return Draft202012Validator(root)


def _types(schema: Any) -> str:
    kinds = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kinds, list):
        return " or ".join(kinds)
    return str(kinds)


def _unknown(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    return sorted(str(name) for name in instance if name not in allowed)


def refusal(body: dict[str, Any], schema: str) -> Response | None:
    """The 422 for fields the schema does not name or of the wrong type; None if none."""
    errors: dict[str, str] = {}
    unknown: list[str] = []
    mistyped: list[str] = []
    for error in _validator(schema).iter_errors(body):
        if error.validator not in _CHECKED:
            continue
        if error.validator == "additionalProperties":
            for name in _unknown(error):
                unknown.append(name)
                errors[name] = _("This field is not part of the API; remove it.")
            continue
        path = [str(part) for part in error.absolute_path]
        field = path[0] if path else FORM_ERROR
        if field in errors:
            continue
        mistyped.append(field)
        if len(path) > 1:
            errors[field] = _("Send each item of this field as JSON %(types)s, as the "
                              "OpenAPI document says.", types=_types(error.schema))
        else:
            errors[field] = _("Send this field as JSON %(types)s, as the OpenAPI document "
                              "says.", types=_types(error.schema))
    if not errors:
        return None
    if unknown:
        return problem(422, _("The body has fields the API does not know: %(fields)s. "
                              "Nothing was stored.", fields=", ".join(unknown)),
                       code="unknown_fields", params={"fields": unknown, "types": mistyped},
                       errors=errors)
    return problem(422, _("Some fields are not of the type the OpenAPI document gives: "
                          "%(fields)s. Nothing was stored.", fields=", ".join(mistyped)),
                   code="wrong_types", params={"fields": mistyped}, errors=errors)
