"""The JSON schemas of the buyers' API: published in the OpenAPI document, and checked.

Request schemas refuse fields they do not name (`additionalProperties: false`) and give
each field its JSON type; web/api/validation.py checks bodies against these very objects.
"""

from __future__ import annotations

from typing import Any

from domain.values import INCOTERMS_2020, Stage
from marketplace.people import LANGUAGES
from web.api import examples
from web.labels import BUYER_STATUS_CODES
from web.rfq.fields import LIMITS

TOKEN = {"type": "string", "pattern": "^[A-Za-z0-9_-]{43}$",
         "description": "The private tracking token: 256 random bits, URL-safe base64."}
# What the domain takes of a question or a revision's message (domain/bid.py; a test
# keeps the two the same): web/ does not import the aggregates.
QUESTION_LIMIT = 2_000
DATE = {"type": "string", "format": "date"}
REFERENCE = {"type": ["string", "null"], "pattern": r"^[A-Z][A-Z0-9]{1,7}-\d{4}-\d{4,}$",
             "description": "The RFQ's reference: the consortium's code, the year and a "
                            "number (CGM-2026-0042); null for requests from before references."}
# Optional in an answer: the request the client means, refused if the token opens another.
_NAMED = {"type": "string", "maxLength": 30,
          "description": "Optional: the reference of the request you mean (CGM-2026-0042); "
                         "a 422 if the token opens another one."}
_VERSION = {"type": "integer", "minimum": 1,
            "description": "Optional: the quote version you answer (1, then 2, 3... after "
                           "revisions); a 409 if a later version replaced it."}
STAGE = {"type": "string", "enum": [stage.value for stage in Stage]}
STATUS = {"type": "string", "enum": list(dict.fromkeys(BUYER_STATUS_CODES)),
          "description": "Where the request stands, in the words of the buyer's tracking "
                         "page: `declined` is the buyer declining the quote, "
                         "`declined_by_consortium` the consortium declining the request."}

_RFQ_PROPERTIES: dict[str, Any] = {
    "consortium": {"type": "string", "description": "The consortium's slug."},
    "organisation": {"type": "string", "maxLength": LIMITS["organisation"]},
    "contact_name": {"type": "string", "maxLength": LIMITS["contact_name"]},
    "email": {"type": "string", "format": "email", "maxLength": LIMITS["email"]},
    "country": {"type": "string", "description": "ISO 3166-1 alpha-2, e.g. MX."},
    "stages": {"type": "array", "items": STAGE, "minItems": 1},
    "specification": {"type": "string", "maxLength": LIMITS["specification"]},
    "quantity": {"type": ["string", "number"],
                 "description": "A number above zero; a string keeps it exact. Written with "
                                "a decimal point and no grouping (\"1500.50\"), whatever the "
                                "Accept-Language: the forms read the page's language, the API "
                                "does not."},
    "unit": {"type": "string", "maxLength": LIMITS["unit"]},
    "incoterm": {"type": "string", "enum": list(INCOTERMS_2020)},
    "named_place": {"type": "string"},
    "currency": {"type": "string", "description": "ISO 4217, e.g. EUR."},
    "quote_needed_by": {**DATE, "description": "A date in the future."},
    "wanted_delivery": {"type": ["string", "null"], "format": "date",
                        "description": "Optional; not before quote_needed_by."},
    "language": {"type": "string", "enum": list(LANGUAGES),
                 "description": "The language of the mails to the buyer."},
}

SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object", "required": ["type", "title", "status", "detail", "error"],
        "description": "RFC 9457 problem details, in the language Accept-Language asks for.",
        "properties": {
            "type": {"type": "string"}, "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string", "description": "What went wrong, for people."},
            "error": {"type": "string", "description": "`detail` again; for a business "
                      "rule's refusal, the rule's English sentence."},
            "code": {"type": "string", "description": "What went wrong, for programs: e.g. "
                     "`unknown_fields`, `idempotency_key_reused`, `stage_not_offered`."},
            "params": {"type": "object", "description": "The values that fill the "
                       "sentence (money as {amount, currency}, dates in ISO 8601)."},
            "errors": {"type": "object", "additionalProperties": {"type": "string"},
                       "description": "One message per field; `_form` for the request as "
                                      "a whole."},
        },
        "examples": [examples.INVALID_FIELDS],
    },
    "Consortium": {
        "type": "object",
        "required": ["slug", "name", "sector", "region", "stages", "member_count",
                     "certifications", "countries_delivered", "quote_response_days", "links"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "summary": {"type": "string", "description": "The offer as published."},
            "summaries": {"type": "object", "description": "The offer in other languages, "
                          "by language code (en, es, fr, de), where given.",
                          "additionalProperties": {"type": "string"}},
            "sector": {"type": "object", "required": ["nace", "name"],
                       "properties": {"nace": {"type": "string"}, "name": {"type": "string"}}},
            "region": {"type": "string", "description": "ISO 3166-2 code, e.g. ES-CB."},
            "stages": {"type": "array", "items": STAGE},
            "member_count": {"type": "integer", "minimum": 0},
            "certifications": {"type": "array", "items": {"type": "string"},
                               "description": "Certifications a member holds valid today."},
            "countries_delivered": {"type": "array",
                                    "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
            "quote_response_days": {"type": ["integer", "null"],
                                    "description": "Working days within which it quotes."},
            "links": {"type": "object", "required": ["page"],
                      "properties": {"page": {"type": "string"}}},
        },
        "examples": [examples.CONSORTIUM],
    },
    "ConsortiumPage": {
        "type": "object", "required": ["consortia", "next"],
        "properties": {
            "consortia": {"type": "array",
                          "items": {"$ref": "#/components/schemas/Consortium"}},
            "next": {"type": ["string", "null"],
                     "description": "The next page's URL (also in the Link header), or null "
                                    "on the last page."}},
        "examples": [examples.CONSORTIA],
    },
    "RfqRequest": {
        "type": "object", "additionalProperties": False,
        "required": ["consortium", "organisation", "contact_name", "email", "country", "stages",
                     "specification", "quantity", "unit", "incoterm", "named_place",
                     "currency", "quote_needed_by"],
        "properties": _RFQ_PROPERTIES,
        "examples": [examples.RFQ_REQUEST],
    },
    "RfqCreated": {
        "type": "object", "required": ["token", "tracking_url", "status", "reference"],
        "properties": {"token": TOKEN, "tracking_url": {"type": "string"}, "status": STATUS,
                       "reference": REFERENCE},
        "examples": [examples.RFQ_CREATED],
    },
    "Money": {
        "type": "object", "required": ["amount", "currency"],
        "properties": {"amount": {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
                       "currency": {"type": "string"}},
    },
    "Rfq": {
        "type": "object",
        "required": ["reference", "status", "status_label", "consortium", "organisation",
                     "stages", "quantity", "unit", "incoterm", "currency", "quote_needed_by",
                     "timeline", "quote"],
        "properties": {
            "reference": REFERENCE,
            "status": STATUS,
            "status_label": {"type": "string", "description": "The status as the tracking "
                             "page says it, in the Accept-Language."},
            "consortium": {"type": "object", "required": ["slug", "name"],
                           "properties": {"slug": {"type": "string"},
                                          "name": {"type": "string"}}},
            "organisation": {"type": "string"},
            "stages": {"type": "array", "items": STAGE},
            "quantity": {"type": "string"},
            "unit": {"type": "string"},
            "incoterm": {"type": "string"},
            "currency": {"type": "string"},
            "quote_needed_by": DATE,
            "wanted_delivery": {"oneOf": [DATE, {"type": "null"}]},
            "timeline": {"type": "array", "items": {
                "type": "object", "required": ["event", "label", "at"],
                "properties": {"event": STATUS, "label": {"type": "string"},
                               "at": {"type": "string", "format": "date-time"}}}},
            "quote": {"oneOf": [{"type": "null"}, {
                "type": "object",
                "required": ["price", "valid_until", "lead_time_days", "incoterm", "stages"],
                "properties": {
                    "price": {"$ref": "#/components/schemas/Money"},
                    "valid_until": DATE,
                    "lead_time_days": {"type": ["integer", "null"]},
                    "incoterm": {"type": "string"},
                    "stages": {"type": "array", "items": {
                        "type": "object", "required": ["stage", "firms"],
                        "properties": {"stage": STAGE,
                                       "firms": {"type": "array",
                                                 "items": {"type": "string"}}}}},
                }}]},
        },
        "examples": [examples.RFQ],
    },
    "AcceptRequest": {
        "type": "object", "additionalProperties": False,
        "properties": {"reference": _NAMED, "version": _VERSION},
        "description": "Nothing is required: the body may be empty or `{}`.",
        "examples": [{}, {"reference": "CME-2025-0042"}],
    },
    "DeclineRequest": {
        "type": "object", "additionalProperties": False,
        "properties": {"reason": {"type": "string", "maxLength": LIMITS["reason"],
                                  "description": "Why, in the buyer's words (optional)."},
                       "reference": _NAMED, "version": _VERSION},
        "examples": [{"reason": "The lead time is too long for our project.",
                      "reference": "CME-2025-0042"}],
    },
    "QuestionRequest": {
        "type": "object", "additionalProperties": False, "required": ["question"],
        "properties": {"question": {"type": "string", "minLength": 1,
                                    "maxLength": QUESTION_LIMIT},
                       "reference": _NAMED},
        "examples": [examples.QUESTION],
    },
    "QuestionAsked": {
        "type": "object", "required": ["id", "question"],
        "properties": {"id": {"type": "string", "format": "uuid"},
                       "question": {"type": "string"}},
        "examples": [examples.QUESTION_ASKED],
    },
    "RevisionRequest": {
        "type": "object", "additionalProperties": False, "required": ["message"],
        "properties": {"message": {"type": "string", "minLength": 1,
                                   "maxLength": QUESTION_LIMIT,
                                   "description": "What the revised quote should change."},
                       "reference": _NAMED},
        "examples": [examples.REVISION],
    },
}
