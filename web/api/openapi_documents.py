"""The OpenAPI description of the files on an RFQ: the upload endpoint and its schemas.

web/api/openapi.py merges these into its document: the schemas beside its own, the path
beside the RFQ's. Error answers use its Error schema.
"""

from __future__ import annotations

from typing import Any

_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
# Files on an RFQ: sent with it as multipart, or afterwards with the tracking token.
_FILES = {"type": "array", "items": {"type": "string", "contentMediaType":
                                     "application/octet-stream"},
          "description": "PDF, PNG, JPEG, TIFF, GIF, WebP, DXF, DWG, STEP, IGES, xlsx, xls, "
                         "ods, csv or ZIP, recognised by content; 25 MB a file, 100 MB an RFQ."}
DOCUMENT_SCHEMAS: dict[str, Any] = {
    "RfqWithFiles": {
        "type": "object", "required": ["rfq"],
        "properties": {"rfq": {"$ref": "#/components/schemas/RfqRequest"}, "documents": _FILES},
    },
    "Document": {
        "type": "object",
        "required": ["id", "name", "size", "media_type", "sha256", "attached_to"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                       "size": {"type": "integer"}, "media_type": {"type": "string"},
                       "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                       "attached_to": {"type": "string", "enum": ["rfq", "quote"]}},
    },
}
# The RFQ POST's multipart body: the RFQ as JSON in the `rfq` part, with its files.
RFQ_MULTIPART = {"multipart/form-data": {
    "schema": {"$ref": "#/components/schemas/RfqWithFiles"},
    "encoding": {"rfq": {"contentType": "application/json"}}}}
TRACKING_TOKEN = {"trackingToken": {"type": "http", "scheme": "bearer",
                                    "description": "The RFQ's private tracking token."}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, **_ERROR}


DOCUMENT_PATHS: dict[str, Any] = {
    "/rfqs/{rfq}/documents": {"post": {
        "operationId": "attachDocuments",
        "summary": "Attach files to an RFQ, authorised by its tracking token as a bearer token.",
        "security": [{"trackingToken": []}],
        "parameters": [{"name": "rfq", "in": "path", "required": True,
                        "schema": {"type": "string"},
                        "description": "The RFQ's tracking token (or its id)."}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {
            "schema": {"type": "object", "required": ["documents"],
                       "properties": {"documents": _FILES}},
            "example": {"documents": ["flange-drawing.pdf", "flange.step"]}}}},
        "responses": {
            "201": {"description": "Attached: every file of the RFQ.",
                    "content": {"application/json": {"schema": {
                        "type": "object", "required": ["documents"],
                        "properties": {"documents": {"type": "array", "items": {
                            "$ref": "#/components/schemas/Document"}}}}}}},
            "401": _error("No bearer token was sent."),
            "404": _error("No RFQ has this token, or the path names another RFQ."),
            "413": _error("A file, or the RFQ's files together, are larger than allowed."),
            "422": _error("A file was refused (its type, name or a ZIP's content); "
                          "nothing stored."),
            "429": _error("Too many requests from this address; wait and retry."),
        },
    }},
}
