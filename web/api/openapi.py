"""The OpenAPI 3.1 document of the buyers' API, built from the same lists the API checks."""

from __future__ import annotations

from typing import Any

from domain.values import INCOTERMS_2020, Stage
from marketplace.people import LANGUAGES
from web.api.openapi_documents import (
    DOCUMENT_PATHS,
    DOCUMENT_SCHEMAS,
    RFQ_MULTIPART,
    TRACKING_TOKEN,
)

_TOKEN = {"type": "string", "pattern": "^[A-Za-z0-9_-]{43}$",
          "description": "The private tracking token: 256 random bits, URL-safe base64."}
_DATE = {"type": "string", "format": "date"}
_STAGE = {"type": "string", "enum": [stage.value for stage in Stage]}


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


_COMMON_ERRORS = {
    "400": _error("The body is not JSON, or not an object."),
    "413": _error("The body is larger than the API accepts."),
    "415": _error("The body is not sent as application/json."),
    "429": _error("Too many requests from this address; wait and retry."),
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "string"}},
    },
    "ValidationErrors": {
        "type": "object", "required": ["error", "errors"],
        "properties": {
            "error": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "string"},
                       "description": "One message per field; `_form` for the request as a whole."},
            "code": {"type": "string",
                     "description": "When a business rule refused the request: the rule, "
                                    "e.g. `stage_not_offered`; `error` is then its English "
                                    "sentence."},
            "params": {"type": "object",
                       "description": "The values that fill the rule's sentence (money as "
                                      "{amount, currency}, dates in ISO 8601)."},
        },
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
            "stages": {"type": "array", "items": _STAGE},
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
    },
    "RfqRequest": {
        "type": "object",
        "required": ["consortium", "organisation", "contact_name", "email", "country", "stages",
                     "specification", "quantity", "unit", "incoterm", "named_place",
                     "currency", "quote_needed_by"],
        "properties": {
            "consortium": {"type": "string", "description": "The consortium's slug."},
            "organisation": {"type": "string", "maxLength": 200},
            "contact_name": {"type": "string", "maxLength": 120},
            "email": {"type": "string", "format": "email", "maxLength": 254},
            "country": {"type": "string", "description": "ISO 3166-1 alpha-2, e.g. MX."},
            "stages": {"type": "array", "items": _STAGE, "minItems": 1},
            "specification": {"type": "string", "maxLength": 10000},
            "quantity": {"type": ["string", "number"],
                         "description": "A number above zero; a string keeps it exact. "
                                        "Written with a decimal point and no grouping "
                                        "(\"1500.50\"), whatever the Accept-Language: "
                                        "the forms read the page's language, the API "
                                        "does not."},
            "unit": {"type": "string", "maxLength": 30},
            "incoterm": {"type": "string", "enum": list(INCOTERMS_2020)},
            "named_place": {"type": "string"},
            "currency": {"type": "string", "description": "ISO 4217, e.g. EUR."},
            "quote_needed_by": {**_DATE, "description": "A date in the future."},
            "wanted_delivery": {**_DATE, "description": "Optional; not before quote_needed_by."},
            "language": {"type": "string", "enum": list(LANGUAGES),
                         "description": "The language of the mails to the buyer."},
        },
    },
    "RfqCreated": {
        "type": "object", "required": ["token", "tracking_url", "status"],
        "properties": {"token": _TOKEN, "tracking_url": {"type": "string"},
                       "status": {"type": "string"}},
    },
    "Money": {
        "type": "object", "required": ["amount", "currency"],
        "properties": {"amount": {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
                       "currency": {"type": "string"}},
    },
    "Rfq": {
        "type": "object",
        "required": ["status", "consortium", "organisation", "stages", "quantity", "unit",
                     "incoterm", "currency", "quote_needed_by", "timeline", "quote"],
        "properties": {
            "status": {"type": "string"},
            "consortium": {"type": "object", "required": ["slug", "name"],
                           "properties": {"slug": {"type": "string"},
                                          "name": {"type": "string"}}},
            "organisation": {"type": "string"},
            "stages": {"type": "array", "items": _STAGE},
            "quantity": {"type": "string"},
            "unit": {"type": "string"},
            "incoterm": {"type": "string"},
            "currency": {"type": "string"},
            "quote_needed_by": _DATE,
            "wanted_delivery": {"oneOf": [_DATE, {"type": "null"}]},
            "timeline": {"type": "array", "items": {
                "type": "object", "required": ["event", "at"],
                "properties": {"event": {"type": "string"},
                               "at": {"type": "string", "format": "date-time"}}}},
            "quote": {"oneOf": [{"type": "null"}, {
                "type": "object",
                "required": ["price", "valid_until", "lead_time_days", "incoterm", "stages"],
                "properties": {
                    "price": {"$ref": "#/components/schemas/Money"},
                    "valid_until": _DATE,
                    "lead_time_days": {"type": ["integer", "null"]},
                    "incoterm": {"type": "string"},
                    "stages": {"type": "array", "items": {
                        "type": "object", "required": ["stage", "firms"],
                        "properties": {"stage": _STAGE,
                                       "firms": {"type": "array",
                                                 "items": {"type": "string"}}}}},
                }}]},
        },
    },
}



def document(server_url: str = "/api/v1") -> dict[str, Any]:
    """The OpenAPI 3.1 document; the paths are relative to `server_url`."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Export consortia: buyers' API", "version": "1.0.0",
                 "description": "Find export consortia and request quotes from them."},
        "servers": [{"url": server_url}],
        "paths": {
            "/consortia": {"get": {
                "operationId": "listConsortia",
                "summary": "Consortia whose full-service offer is published.",
                "parameters": [
                    {"name": "sector", "in": "query", "schema": {"type": "string"},
                     "description": "NACE Rev. 2 code, e.g. 25 or 25.1."},
                    {"name": "stage", "in": "query", "schema": _STAGE},
                    {"name": "q", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "The consortia, by name.", "content": {
                        "application/json": {"schema": {
                            "type": "object", "required": ["consortia"],
                            "properties": {"consortia": {"type": "array", "items": {
                                "$ref": "#/components/schemas/Consortium"}}}}}}},
                    "400": _error("A filter value is not known."),
                },
            }},
            "/rfqs": {"post": {
                "operationId": "requestQuote",
                "summary": "Ask one consortium for a quote.",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/RfqRequest"}},
                    **RFQ_MULTIPART}},
                "responses": {
                    "201": {"description": "Received; keep the token, it is shown once.",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/RfqCreated"}}}},
                    "422": {"description": "A message per invalid field; nothing stored.",
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/ValidationErrors"}}}},
                    **_COMMON_ERRORS,
                },
            }},
            "/rfqs/{token}": {"get": {
                "operationId": "getRfq",
                "summary": "The request, its public timeline and its quote.",
                "parameters": [{"name": "token", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "The request.", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Rfq"}}}},
                    "404": _error("No request has this token."),
                },
            }},
            **DOCUMENT_PATHS,
        },
        "components": {"schemas": {**SCHEMAS, **DOCUMENT_SCHEMAS},
                       "securitySchemes": TRACKING_TOKEN},
    }
