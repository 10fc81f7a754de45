"""The API's views: JSON in, JSON out, the same rules and messages as the pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError, UnknownRegionError
from domain.values import Region, Stage
from marketplace import bounded_json
from marketplace.bidding.tracking import find_tracked_request
from marketplace.people import LANGUAGES
from marketplace.storefront import catalog as catalog_queries
from web import params
from web.api import api, documents, validation
from web.api.openapi import document
from web.api.pages import keyset_page
from web.api.rfqs import represent
from web.extensions import services
from web.problems import problem, refusal_problem
from web.ratelimit import rate_limited
from web.rfq.intake import HoneypotFilled, RfqInvalid, find_consortium, submit_rfq

SEARCH_LIMIT = 200  # characters, as the catalog page's search box


def _problem(status: int, message: str) -> tuple[Response, int]:
    return problem(status, message), status


def _consortium(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": row["slug"],
        "name": row["name"],
        "summary": row["offer_summary"],
        "summaries": dict(row.get("offer_texts", {})),
        "sector": {"nace": row["sector_nace"], "name": row["sector_name"]},
        "region": row["region"],
        "stages": list(row["offer_stages"]),
        "member_count": row["member_count"],
        "certifications": list(row["certifications"]),
        "countries_delivered": list(row["countries_delivered"]),
        "quote_response_days": row["quote_response_days"],
        "links": {"page": url_for("storefront.consortium", slug=row["slug"], _external=True)},
    }


@api.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document of this API."""
    return jsonify(document(url_for("api.openapi", _external=True).rsplit("/", 1)[0]))


@api.get("/consortia")
def consortia() -> Response | tuple[Response, int]:
    """Consortia whose offer is published, filtered like the catalog page."""
    stage = params.text("stage") or None
    if stage is not None and stage not in {s.value for s in Stage}:
        return _problem(400, _("%(stage)s is not a stage of the value chain.", stage=stage))
    sector, text = params.text("sector") or None, params.text("q") or None
    if text is not None and len(text) > SEARCH_LIMIT:
        return _problem(400, _("Search for at most %(limit)s characters.", limit=SEARCH_LIMIT))
    region = params.text("region") or None
    if region is not None:
        try:
            region = Region(region).code
        except UnknownRegionError:
            return _problem(400, _("%(region)s is not an ISO 3166-2 region code, such as ES-CB.",
                                   region=region))
    engine, today = services().engine, services().marketplace.clock.now().date()

    def fetch(after: tuple[str, str] | None, limit: int) -> list[dict[str, Any]]:
        return catalog_queries.list_consortia(
            engine, sector=sector, region=region, stage=stage, text=text, published_only=True,
            today=today, after=after, limit=limit, language=str(get_locale()))

    page, following = keyset_page(fetch, lambda row: [row["sort_key"], row["slug"]],
                                  "api.consortia", sector=sector, region=region, stage=stage,
                                  q=text)
    response = jsonify(consortia=[_consortium(row) for row in page], next=following)
    if following:
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response


def json_body() -> dict[str, Any] | tuple[Response, int]:
    """The request's JSON object, numbers kept exact; or the error to answer with."""
    if request.mimetype == "multipart/form-data":  # the RFQ with its files
        return documents.multipart_rfq()
    if not request.is_json:
        return _problem(415, _("Send the request as JSON (Content-Type: application/json)."))
    try:
        # Bounded before parsing: deep nesting would make json recurse until it gives up.
        body = bounded_json.loads(request.get_data(), parse_float=Decimal)
    except bounded_json.JsonTooDeepError:
        return _problem(400, _("The body nests arrays and objects more than %(limit)s levels "
                               "deep.", limit=bounded_json.MAX_DEPTH))
    except ValueError:  # UnicodeDecodeError too
        return _problem(400, _("The body is not valid JSON in UTF-8."))
    if not isinstance(body, dict):
        return _problem(400, _("The body must be a JSON object."))
    return body


def _language(body: dict[str, Any]) -> str:
    chosen = body.get("language")
    if isinstance(chosen, str) and chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def _as_form(body: dict[str, Any]) -> dict[str, Any]:
    """The body as the form's fields: numbers as their exact text, nothing else changed."""
    data = dict(body)
    if isinstance(data.get("quantity"), Decimal | int) and not isinstance(data["quantity"], bool):
        data["quantity"] = str(data["quantity"])
    return data


@api.post("/rfqs")
@rate_limited
def create_rfq() -> tuple[Response, int] | Response:
    """Ask one consortium for a quote: 201 with the tracking token, or 422 per field."""
    body = json_body()
    if isinstance(body, tuple):
        return body
    # A multipart RFQ's part is checked as a JSON body is; then its files.
    refused = validation.refusal(body, "RfqRequest")
    refused = refused if refused is not None else documents.check_sent()
    if refused is not None:
        return refused
    slug = body.get("consortium")
    if not isinstance(slug, str) or not slug.strip():
        return _invalid(
            {
                "consortium": _(
                    "Name the consortium by its slug, as listed by GET /api/v1/consortia."
                )
            }
        )
    consortium = find_consortium(slug.strip())
    if consortium is None:
        return _invalid(
            {
                "consortium": _(
                    "No consortium with a published offer is called %(slug)s.",
                    slug=slug.strip()[:60],
                )
            }
        )
    try:
        submitted = submit_rfq(consortium, _as_form(body), language=_language(body))
    except HoneypotFilled:
        return _problem(400, _("This request could not be accepted."))
    except RfqInvalid as refused:
        return _invalid(refused.errors, refused.refusal)
    documents.attach_sent(submitted.bid_id)
    tracking_url = url_for("rfq.track", token=submitted.token, _external=True)
    response = jsonify(token=submitted.token, tracking_url=tracking_url, status="received",
                       reference=_reference(submitted.token))
    response.headers["Location"] = url_for("api.get_rfq", token=submitted.token, _external=True)
    return response, 201


def _reference(token: str) -> str | None:
    """The new RFQ's reference (CGM-2026-0042), as its tracking read model holds it."""
    found = find_tracked_request(services().engine, token)
    return found.get("reference") if found is not None else None


def _invalid(errors: dict[str, str], refusal: DomainError | None = None
             ) -> tuple[Response, int]:
    if refusal is not None:
        return refusal_problem(422, refusal, errors=errors), 422
    return problem(422, _("The request for quotation has errors; nothing was stored."),
                   code="invalid_fields", params={"fields": sorted(errors)},
                   errors=errors), 422


@api.get("/rfqs/<token>")
def get_rfq(token: str) -> Response | tuple[Response, int]:
    """The request behind a tracking token: its public timeline and its quote."""
    found = find_tracked_request(services().engine, token)
    if found is None:
        return _problem(404, _("No request for quotation has this tracking token."))
    return jsonify(represent(found))
