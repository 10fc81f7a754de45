"""The examples the OpenAPI document shows beside each request and answer."""

from __future__ import annotations

from typing import Any

TOKEN = "q3Vf0mXb9cT7yLw2Rk8sJp4Hn6Dg1Ea5Zu0Oi3Bx7Cc"
SERVER = "https://consortia.example/api/v1"

RFQ_REQUEST = {
    "consortium": "cantabria-metal", "organisation": "Agua de Veracruz",
    "contact_name": "Lucía Pérez", "email": "lucia@agua-veracruz.example", "country": "MX",
    "stages": ["design", "manufacturing", "installation"],
    "specification": "Two steel pump houses, 12 x 8 m, drawings ref. AV-PH-07 rev. C.",
    "quantity": "2", "unit": "buildings", "incoterm": "CIF", "named_place": "Veracruz",
    "currency": "EUR", "quote_needed_by": "2026-01-15", "wanted_delivery": "2026-06-30",
    "language": "es",
}
RFQ_CREATED = {"token": TOKEN, "tracking_url": f"https://consortia.example/rfq/{TOKEN}",
               "status": "received", "reference": "CME-2025-0042"}
RFQ = {
    "reference": "CME-2025-0042", "status": "quoted", "status_label": "Quote ready",
    "consortium": {"slug": "cantabria-metal", "name": "Cantabria Metal Export"},
    "organisation": "Agua de Veracruz", "stages": ["design", "manufacturing", "installation"],
    "quantity": "2", "unit": "buildings", "incoterm": "CIF", "currency": "EUR",
    "quote_needed_by": "2026-01-15", "wanted_delivery": "2026-06-30",
    "timeline": [
        {"event": "received", "label": "Request received", "at": "2025-12-01T09:30:00+00:00"},
        {"event": "taken_on", "label": "Taken on by the consortium",
         "at": "2025-12-02T11:00:00+00:00"},
        {"event": "quoted", "label": "Quote ready", "at": "2025-12-10T16:45:00+00:00"},
    ],
    "quote": {
        "price": {"amount": "486000.00", "currency": "EUR"}, "valid_until": "2026-01-31",
        "lead_time_days": 120, "incoterm": "CIF",
        "stages": [{"stage": "design", "firms": ["Ingenia Norte"]},
                   {"stage": "manufacturing", "firms": ["Aceros Besaya"]},
                   {"stage": "installation", "firms": ["Montajes Pas"]}],
    },
}
RFQ_DECLINED = {**RFQ, "status": "declined", "status_label": "You declined the quote",
                "timeline": [*RFQ["timeline"], {"event": "declined",
                                                "label": "You declined the quote",
                                                "at": "2025-12-12T08:00:00+00:00"}]}
RFQ_ACCEPTED = {**RFQ, "status": "accepted", "status_label": "You accepted the quote",
                "timeline": [*RFQ["timeline"], {"event": "accepted",
                                                "label": "You accepted the quote",
                                                "at": "2025-12-12T08:00:00+00:00"}]}
QUESTION = {"question": "Can the pump houses be delivered in two shipments?"}
QUESTION_ASKED = {"id": "0f8e9b2c-5d1a-4c3e-9a7b-2e6f4d8c1a05", **QUESTION}
REVISION = {"message": "Please quote without installation; our own crew will erect them."}
RFQ_REVISION = {**RFQ, "status": "revision_requested",
                "status_label": "You asked for a revised quote"}
CONSORTIUM = {
    "slug": "cantabria-metal", "name": "Cantabria Metal Export",
    "summary": "Steel structures from design to installation.",
    "summaries": {"es": "Estructuras de acero del diseño al montaje."},
    "sector": {"nace": "25.1", "name": "Manufacture of structural metal products"},
    "region": "ES-CB", "stages": ["design", "manufacturing", "installation"],
    "member_count": 4, "certifications": ["ISO 9001", "EN 1090-2 EXC3"],
    "countries_delivered": ["MX", "MA"], "quote_response_days": 5,
    "links": {"page": "https://consortia.example/consortia/cantabria-metal"},
}
CONSORTIA = {"consortia": [CONSORTIUM],
             "next": f"{SERVER}/consortia?limit=1&cursor=WyJjYW50YWJyaWEiXQ"}


def problem(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    """An example of a problem details answer."""
    return {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "error": extra.pop("error", detail), **extra}


INVALID_FIELDS = problem(
    422, "Unprocessable Entity", "The request for quotation has errors; nothing was stored.",
    code="invalid_fields", params={"fields": ["email", "quote_needed_by"]},
    errors={"email": "Enter an e-mail address like name@example.com.",
            "quote_needed_by": "Choose a date after today."})
UNKNOWN_FIELDS = problem(
    422, "Unprocessable Entity",
    "The body has fields the API does not know: budget. Nothing was stored.",
    code="unknown_fields", params={"fields": ["budget"], "types": []},
    errors={"budget": "This field is not part of the API; remove it."})
WRONG_TYPES = problem(
    422, "Unprocessable Entity", "Some fields are not of the type the OpenAPI document "
    "gives: stages. Nothing was stored.", code="wrong_types", params={"fields": ["stages"]},
    errors={"stages": "Send this field as JSON array, as the OpenAPI document says."})
KEY_REUSED = problem(
    422, "Unprocessable Entity", "This Idempotency-Key was used in the last 24 hours with "
    "another request body. Use a new key for a new request.",
    code="idempotency_key_reused", params={})
KEY_BUSY = problem(409, "Conflict", "A request with this Idempotency-Key is still being "
                   "answered. Retry in a moment.", code="idempotency_key_busy", params={})
NOT_OPEN = problem(409, "Conflict", "This quote can no longer be answered.",
                   code="quote_not_open", params={"status": "accepted"})
UNAUTHORISED = problem(401, "Unauthorized", "Send the request's private tracking token as "
                       "“Authorization: Bearer <token>”.",
                       code="tracking_token_required", params={})
TOO_MANY = problem(429, "Too Many Requests", "Too many requests from your address. "
                   "Please wait a minute and try again.")
NOT_FOUND = problem(404, "Not Found", "No request for quotation has this tracking token.")
BAD_FILTER = problem(400, "Bad Request", "welding is not a stage of the value chain.")
