"""What the storefront shows buyers: published offers, the firms behind them, public awards.

Read models only. Nothing here carries a price or a buyer's contact: a buyer browsing
the catalog sees what a consortium can do and where it has delivered, never for how much.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.statuses import CONTRACTED, MEMBER, BidStatus, ConsortiumStatus, MembershipStatus
from marketplace.bidding.readmodel import bids
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import STAGES, capabilities
from marketplace.membership.readmodel import companies, members
from marketplace.storefront import finder
from marketplace.storefront.finder import CatalogFilter
from marketplace.storefront.firms import each_firm_once
from marketplace.storefront.readmodel import catalog
from marketplace.storefront.readmodel import offer_texts as offer_texts_table
from marketplace.storefront.search import search_documents
from marketplace.storefront.vocabulary import fold, region_name

Row = dict[str, Any]


def _today(today: date | None) -> date:
    # Callers pass the marketplace clock's day; a script without one counts by the calendar.
    return today if today is not None else datetime.now(UTC).date()


def valid_on(cert: Row, today: date) -> bool:
    """Whether a certificate as the read models keep it counts on that day: no expiry, or
    an expiry on or after it (a certificate is valid through its expiry day)."""
    expires = cert.get("expires_on")
    if isinstance(expires, str):
        expires = date.fromisoformat(expires)
    return expires is None or expires >= today


def valid_certifications(conn: Connection, consortium_ids: list[str],
                         today: date) -> dict[str, dict[str, int]]:
    """For each consortium, how many of its members hold each certification valid that day.

    Counted when asked, never when projected: a certificate expires without an event."""
    held: dict[str, dict[str, int]] = {consortium_id: {} for consortium_id in consortium_ids}
    if not consortium_ids:
        return held
    query = (select(members.c.consortium_id, members.c.certificates)
             .where(members.c.consortium_id.in_(consortium_ids),
                    members.c.status.in_(MEMBER)))
    for consortium_id, certificates in conn.execute(query):
        names = {cert["name"] for cert in certificates if valid_on(cert, today)}
        counts = held[str(consortium_id)]
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return {consortium_id: dict(sorted(counts.items())) for consortium_id, counts in held.items()}


ORIGINAL_LANGUAGE = "en"  # the language an offer is taken to be published in


def offer_texts(engine: Engine, consortium_id: str, *, current_only: bool = False
                ) -> dict[str, str]:
    """The offer's texts by language; with `current_only`, only those written from the
    offer as it is published now."""
    with engine.connect() as conn:
        return {language: summary for language, summary, _ in texts_by_language(
            conn, [consortium_id], current_only)[consortium_id]}


def stale_offer_languages(engine: Engine, consortium_id: str) -> list[str]:
    """The languages whose text was written from an earlier published offer."""
    with engine.connect() as conn:
        return [language for language, _, current in texts_by_language(
            conn, [consortium_id], current_only=False)[consortium_id] if not current]


def texts_by_language(conn: Connection, consortium_ids: list[str], current_only: bool = True
           ) -> dict[str, list[tuple[str, str, bool]]]:
    """(language, text, written from the current original) per consortium."""
    found: dict[str, list[tuple[str, str, bool]]] = {cid: [] for cid in consortium_ids}
    if not consortium_ids:
        return found
    table = offer_texts_table
    query = (select(table.c.consortium_id, table.c.language, table.c.summary,
                    table.c.original, catalog.c.offer_summary)
             .join(catalog, catalog.c.consortium_id == table.c.consortium_id)
             .where(table.c.consortium_id.in_(consortium_ids))
             .order_by(table.c.language))
    for consortium_id, language, summary, original, published in conn.execute(query):
        current = original == published
        if current or not current_only:
            found[str(consortium_id)].append((language, summary, current))
    return found


def _in_language(cards: list[Row], texts: dict[str, list[tuple[str, str, bool]]],
                 language: str | None) -> None:
    """Each card's offer text for a reader of `language`: its own, else the original,
    saying so (`offer_in_original`) where the reader asked for another language."""
    for card in cards:
        own = {lang: summary for lang, summary, _ in texts.get(card["consortium_id"], [])}
        if language and language in own:
            card["offer_text"], card["offer_in_original"] = own[language], False
        else:
            card["offer_text"] = card["offer_summary"]
            card["offer_in_original"] = bool(language) and language != ORIGINAL_LANGUAGE


def _is_published(row: Row) -> bool:
    # A suspended or dissolved consortium takes no RFQs, so it is not on show.
    return row["status"] == ConsortiumStatus.ESTABLISHED and bool(row["offer_stages"])


def _card(row: Any) -> Row:
    card = dict(row._mapping)
    card["offer_stages"] = [stage for stage in STAGES if stage in card["offer_stages"]]
    card["region_name"] = region_name(card["region"])
    return card


PER_PAGE = 12  # cards on one page of the catalog: a screenful or two


@dataclass(frozen=True)
class CatalogPage:
    """One page of the catalog's matches: its cards, how many match in all, which page."""

    cards: list[Row]
    total: int
    number: int
    pages: int


def cards(conn: Connection, consortium_ids: list[str], *, today: date | None = None,
          language: str | None = None) -> list[Row]:
    """The catalog cards of these consortia, in this order, with the certifications their
    members hold valid today (name -> how many members) and the offer's text for a reader
    of `language` (`offer_text`, `offer_in_original`)."""
    rows = {str(row.consortium_id): _card(row) for row in conn.execute(
        select(catalog).where(catalog.c.consortium_id.in_(consortium_ids)))}
    found = [rows[consortium_id] for consortium_id in consortium_ids if consortium_id in rows]
    _in_language(found, texts_by_language(conn, consortium_ids), language)
    held = valid_certifications(conn, consortium_ids, _today(today))
    for card in found:
        card["certifications"] = held[card["consortium_id"]]
    return found


def published_catalog(engine: Engine, wanted: CatalogFilter | None = None, *,
                      today: date | None = None, language: str | None = None,
                      number: int = 1, per_page: int = PER_PAGE) -> CatalogPage:
    """The page `number` of the published consortia that match the filter, by name; the
    database searches and counts, and only the page's cards are read."""
    with engine.connect() as conn:
        query = finder.matching(conn, wanted or CatalogFilter(), language=language)
        number = max(number, 1)
        ids, total = finder.counted_page(conn, query, offset=(number - 1) * per_page,
                                         limit=per_page)
        if not ids and number > 1:  # past the last page: the last page
            total = finder.count(conn, query)
            number = max(1, -(-total // per_page))
            ids, total = finder.counted_page(conn, query, offset=(number - 1) * per_page,
                                             limit=per_page)
        pages = max(1, -(-total // per_page))
        return CatalogPage(cards(conn, ids, today=today, language=language), total, number,
                           pages)


def published_sectors(engine: Engine) -> list[tuple[str, str]]:
    """The (NACE code, name) of every sector with a published consortium, by code."""
    docs = search_documents
    with engine.connect() as conn:
        rows = conn.execute(select(docs.c.sector_nace, docs.c.sector_name).distinct()
                            .where(docs.c.published))
        return sorted((row.sector_nace, row.sector_name) for row in rows)


def published_regions(engine: Engine) -> list[tuple[str, str]]:
    """The (ISO 3166-2 code, name) of every region with a published consortium, by name."""
    docs = search_documents
    with engine.connect() as conn:
        codes = conn.execute(select(docs.c.region).distinct().where(docs.c.published)).scalars()
        return sorted(((code, region_name(code)) for code in codes),
                      key=lambda region: (fold(region[1]), region[0]))


def _firms(conn: Connection, consortium_id: str, today: date) -> dict[str, list[Row]]:
    """The joined member firms behind each stage, by company name."""
    query = (select(capabilities.c.stage, members.c.membership_id, members.c.company_name,
                    members.c.certificates, members.c.products, members.c.capacity,
                    members.c.stages, companies.c.summary, companies.c.website,
                    companies.c.employees)
             .join(members, members.c.membership_id == capabilities.c.membership_id)
             .join(companies, companies.c.company_id == members.c.company_id)
             .where(capabilities.c.consortium_id == consortium_id,
                    members.c.status == MembershipStatus.JOINED)
             .order_by(members.c.company_name, members.c.membership_id))
    by_stage: dict[str, list[Row]] = {}
    for row in conn.execute(query):
        firm = dict(row._mapping)
        stage = firm.pop("stage")
        firm["stages"] = [s for s in STAGES if s in firm["stages"]]
        firm["certificates"] = [_certificate(cert, today) for cert in firm["certificates"]]
        by_stage.setdefault(stage, []).append(firm)
    return by_stage


def _certificate(cert: Row, today: date) -> Row:
    expires = date.fromisoformat(cert["expires_on"]) if cert.get("expires_on") else None
    return {"name": cert["name"], "expires_on": expires, "expired": not valid_on(cert, today)}


def _public_contracts(conn: Connection, consortium_id: str) -> list[Row]:
    """Awarded contracts as the public may see them: where, when and what; no price."""
    query = (select(bids.c.buyer_country, bids.c.awarded_at, bids.c.stages,
                    bids.c.contract_reference, bids.c.status)
             .where(bids.c.consortium_id == consortium_id,
                    bids.c.status.in_(CONTRACTED))
             .order_by(bids.c.awarded_at.desc(), bids.c.bid_id))
    return [{"country": row.buyer_country,
             "year": row.awarded_at.year if row.awarded_at else None,
             "stages": [s for s in STAGES if s in row.stages],
             "reference": row.contract_reference,
             "completed": row.status == BidStatus.COMPLETED} for row in conn.execute(query)]


def published_offer(engine: Engine, slug: str, today: date, language: str | None = None
                    ) -> Row:
    """One published consortium's offer stage by stage, its firms (each once, in `firms`)
    and public contracts, with its text for a reader of `language` (`offer_text`,
    `offer_in_original`)."""
    with engine.connect() as conn:
        row = conn.execute(select(catalog).where(catalog.c.slug == slug)).first()
        if row is None or not _is_published(card := _card(row)):
            raise NotFoundError("no published consortium is called %(slug)s", slug=repr(slug))
        _in_language([card], texts_by_language(conn, [card["consortium_id"]]), language)
        firms = _firms(conn, card["consortium_id"], today)
        card["certifications"] = valid_certifications(conn, [card["consortium_id"]],
                                                      today)[card["consortium_id"]]
        card["contracts"] = _public_contracts(conn, card["consortium_id"])
    card["offer"] = [{"stage": stage, "firms": firms.get(stage, [])}
                     for stage in card["offer_stages"]]
    card["firms"] = each_firm_once(card["offer"])
    return card
