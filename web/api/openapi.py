"""The OpenAPI 3.1 document of the buyers' API, built from the same lists the API checks."""

from __future__ import annotations

from typing import Any

from web.api import examples
from web.api.schemas import SCHEMAS, STAGE
from web.idempotency import KEY

__all__ = ["SCHEMAS", "document"]

PROBLEM = "application/problem+json"


def _error(description: str, *named: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    content: dict[str, Any] = {"schema": {"$ref": "#/components/schemas/Problem"}}
    if named:
        content["examples"] = {name: {"value": value} for name, value in named}
    return {"description": description, "content": {PROBLEM: content}}


def _json(description: str, schema: str, example: dict[str, Any],
          headers: dict[str, Any] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}, "example": example}}}
    if headers:
        answer["headers"] = headers
    return answer


def _body(schema: str, example: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}, "example": example}}}


def _multipart(schema: str, example: dict[str, Any], **encoding: Any) -> dict[str, Any]:
    return {"multipart/form-data": {"schema": {"$ref": f"#/components/schemas/{schema}"},
                                    "example": example, "encoding": encoding}}


# The RFQ POST's multipart body: the RFQ as JSON in the `rfq` part, with its files.
RFQ_MULTIPART = _multipart("RfqWithFiles", examples.RFQ_WITH_FILES,
                           rfq={"contentType": "application/json"})


def _with_files(body: dict[str, Any]) -> dict[str, Any]:
    """The RFQ's body as JSON, or as multipart with its files (web/api/documents.py)."""
    return {**body, "content": {**body["content"], **RFQ_MULTIPART}}


_RETRY = {"Retry-After": {"schema": {"type": "string"},
                          "description": "Seconds to wait before trying again."}}
_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "pattern": f"^{KEY.pattern}$"},
    "example": "9f1c2e4a-6b0d-4c55-8a8e-3f7d2b1c0e99",
    "description": "Send the same key again (within 24 hours) to repeat a request safely: "
                   "with the same body you get the first answer again, marked "
                   "`Idempotent-Replayed: true`, and nothing is done twice; with another "
                   "body, a 422. Keys are the caller's own (the bearer token's, else the "
                   "client address's): use a new UUID for each new request.",
}
_POSTED = {
    "400": _error("The body is not JSON, or not an object; or the Idempotency-Key is "
                  "malformed."),
    "409": {**_error("A request with the same Idempotency-Key is still being answered.",
                     ("busy", examples.KEY_BUSY)), "headers": _RETRY},
    "413": _error("The body is larger than the API accepts."),
    "415": _error("The body is not sent as application/json."),
    "429": {**_error("Too many requests from this address; wait and retry.",
                     ("too_many", examples.TOO_MANY)), "headers": _RETRY},
}
_FILE_REFUSED = ("file_refused", examples.FILE_REFUSED)
_TOO_LARGE = _error("The body, a file or the RFQ's files together are larger than allowed.",
                    ("file_too_large", examples.FILE_TOO_LARGE))
_REFUSED = ("A field the schema does not name, or of another type; a value the rules "
            "refuse; or an Idempotency-Key used with another body. Nothing was stored.")
_BEARER = [{"trackingToken": []}]


def _answer(operation: str, summary: str, body: str, example: dict[str, Any],
            done: dict[str, Any], answer: tuple[str, str] = ("200", "Rfq")) -> dict[str, Any]:
    status, schema = answer
    return {"post": {
        "operationId": operation, "summary": summary, "security": _BEARER,
        "parameters": [_IDEMPOTENCY_KEY],
        "requestBody": _body(body, example, required=bool(SCHEMAS[body].get("required"))),
        "responses": {
            status: _json("Done; the request as it now stands." if schema == "Rfq" else
                          "Asked.", schema, done),
            "401": _error("No bearer token, or one that opens no request.",
                          ("unauthorised", examples.UNAUTHORISED)),
            "409": {**_error("Not in the request's state: a quote that is not open (any "
                             "more), a version a later one replaced; or the same "
                             "Idempotency-Key is still being answered.",
                             ("not_open", examples.NOT_OPEN), ("busy", examples.KEY_BUSY)),
                    "headers": _RETRY},
            "422": _error(_REFUSED, ("unknown_fields", examples.UNKNOWN_FIELDS),
                          ("key_reused", examples.KEY_REUSED)),
            **{code: answer for code, answer in _POSTED.items() if code != "409"},
        },
    }}


def _upload() -> dict[str, Any]:
    """Files added to an RFQ by its tracking token (web/api/documents.py)."""
    return {"post": {
        "operationId": "attachDocuments", "security": _BEARER,
        "summary": "Attach files to the request the bearer token opens.",
        "parameters": [{"name": "rfq", "in": "path", "required": True,
                        "schema": {"type": "string"}, "example": examples.TOKEN,
                        "description": "The request's tracking token (or its id)."},
                       _IDEMPOTENCY_KEY],
        "requestBody": {"required": True, "content": _multipart(
            "DocumentsUpload", examples.DOCUMENTS_UPLOAD)},
        "responses": {
            "201": _json("Attached: every file of the request.", "DocumentList",
                         examples.DOCUMENTS),
            "401": _error("No bearer token, or one that opens no request.",
                          ("unauthorised", examples.UNAUTHORISED)),
            "404": _error("The path names another request than the one the token opens.",
                          ("other_rfq", examples.OTHER_RFQ)),
            "409": {**_error("The request no longer takes files; or the same "
                             "Idempotency-Key is still being answered.",
                             ("closed", examples.RFQ_CLOSED), ("busy", examples.KEY_BUSY)),
                    "headers": _RETRY},
            "413": _TOO_LARGE,
            "415": _error("The body is not sent as multipart/form-data."),
            "422": _error("A file was refused (its type, name or a ZIP's content), none was "
                          "sent, a part the API does not name, or an Idempotency-Key used "
                          "with another body. Nothing was stored.", _FILE_REFUSED,
                          ("unknown_fields", examples.UNKNOWN_FIELDS),
                          ("key_reused", examples.KEY_REUSED)),
            "400": _POSTED["400"], "429": _POSTED["429"],
        },
    }}


def _paths() -> dict[str, Any]:
    return {
        "/consortia": {"get": {
            "operationId": "listConsortia",
            "summary": "Consortia whose full-service offer is published, a page at a time.",
            "parameters": [
                {"name": "sector", "in": "query", "schema": {"type": "string"},
                 "description": "NACE Rev. 2 code, e.g. 25 or 25.1.", "example": "25"},
                {"name": "region", "in": "query", "schema": {"type": "string"},
                 "description": "ISO 3166-2 subdivision code; a code that is not one is a 400.",
                 "example": "ES-CB"},
                {"name": "stage", "in": "query", "schema": STAGE, "example": "installation"},
                {"name": "q", "in": "query", "schema": {"type": "string"}, "example": "steel"},
                {"name": "limit", "in": "query", "example": 20,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
                {"name": "cursor", "in": "query", "schema": {"type": "string"},
                 "description": "Opaque: the `next` link of the page before carries it."},
            ],
            "responses": {
                "200": _json("The consortia, by name.", "ConsortiumPage", examples.CONSORTIA,
                             {"Link": {"schema": {"type": "string"},
                                       "description": "`<next URL>; rel=\"next\"`."}}),
                "400": _error("A filter, the limit or the cursor is not valid.",
                              ("bad_filter", examples.BAD_FILTER)),
            },
        }},
        "/rfqs": {"post": {
            "operationId": "requestQuote",
            "summary": "Ask one consortium for a quote.",
            "parameters": [_IDEMPOTENCY_KEY],
            "requestBody": _with_files(_body("RfqRequest", examples.RFQ_REQUEST)),
            "responses": {
                "201": _json("Received; keep the token, it is shown once.", "RfqCreated",
                             examples.RFQ_CREATED,
                             {"Location": {"schema": {"type": "string"}}}),
                "422": _error(_REFUSED + " A file the API does not keep (its type, name or "
                              "a ZIP's content), under `errors.documents`.",
                              ("invalid_fields", examples.INVALID_FIELDS),
                              ("unknown_fields", examples.UNKNOWN_FIELDS),
                              ("wrong_types", examples.WRONG_TYPES), _FILE_REFUSED,
                              ("key_reused", examples.KEY_REUSED)),
                **_POSTED, "413": _TOO_LARGE,
                "415": _error("The body is neither application/json nor multipart/form-data."),
            },
        }},
        "/rfqs/{token}": {"get": {
            "operationId": "getRfq",
            "summary": "The request, its public timeline and its quote (the token in the "
                       "URL; prefer GET /rfq with the token as a bearer).",
            "parameters": [{"name": "token", "in": "path", "required": True,
                            "schema": {"type": "string"}, "example": examples.TOKEN}],
            "responses": {
                "200": _json("The request.", "Rfq", examples.RFQ),
                "404": _error("No request has this token.", ("not_found", examples.NOT_FOUND)),
            },
        }},
        "/rfq": {"get": {
            "operationId": "getMyRfq", "security": _BEARER,
            "summary": "The request the bearer token opens: its timeline and its quote.",
            "responses": {
                "200": _json("The request.", "Rfq", examples.RFQ),
                "401": _error("No bearer token, or one that opens no request.",
                              ("unauthorised", examples.UNAUTHORISED)),
            },
        }},
        "/rfqs/{rfq}/documents": _upload(),
        "/rfq/accept": _answer("acceptQuote", "Accept the quote while it is valid.",
                               "AcceptRequest", {}, examples.RFQ_ACCEPTED),
        "/rfq/decline": _answer("declineQuote", "Decline the quote, saying why if you wish.",
                                "DeclineRequest", {"reason": "The lead time is too long."},
                                examples.RFQ_DECLINED),
        "/rfq/questions": _answer("askQuestion", "Ask the consortium a question about the "
                                  "request (until it is answered for good).",
                                  "QuestionRequest", examples.QUESTION,
                                  examples.QUESTION_ASKED, ("201", "QuestionAsked")),
        "/rfq/revisions": _answer("requestRevision", "Ask for a revised quote while the "
                                  "quote is valid, saying what should change.",
                                  "RevisionRequest", examples.REVISION,
                                  examples.RFQ_REVISION),
    }



def document(server_url: str = "/api/v1") -> dict[str, Any]:
    """The OpenAPI 3.1 document; the paths are relative to `server_url`."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Export consortia: buyers' API", "version": "1.1.0",
                 "description": "Find export consortia, request quotes from them and answer "
                                "the quotes. Errors are RFC 9457 problem details in the "
                                "language Accept-Language asks for."},
        "servers": [{"url": server_url}],
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"trackingToken": {
                "type": "http", "scheme": "bearer",
                "description": "The request's private tracking token, given once when it "
                               "was sent (and in the buyer's link)."}},
        },
    }
