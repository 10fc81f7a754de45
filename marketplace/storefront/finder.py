"""The catalog's filters and full-text search as one SQL query over the search documents.

Whatever a buyer types is folded and cut into words (letters and digits only), so no
character of it ever reaches the full-text syntax of either store: quotes, `*`, `NEAR`,
`-` or parentheses are separators, like spaces. Each word matches as a prefix ("stee"
finds steel) and every word must match. On PostgreSQL the page's language picks the
text-search configuration, so its stemming applies ("aceros" finds "acero").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    tuple_,
)
from sqlalchemy.engine import Connection

from marketplace.storefront.search import CONFIGS, FTS, TSV, search_documents
from marketplace.storefront.vocabulary import words

MAX_WORDS = 12  # a search box, not a document: more words only narrow to nothing
docs = search_documents


@dataclass(frozen=True)
class CatalogFilter:
    """What a buyer narrowed the catalog to; every part optional, all must hold."""

    sector: str | None = None  # a NACE division ("25") or class ("25.11")
    region: str | None = None  # an ISO 3166-2 code ("ES-CB")
    stages: tuple[str, ...] = ()  # the consortium must offer each of them
    text: str = ""  # words to find in names, products, certificates, countries...


def _full_text(conn: Connection, typed: str, language: str | None) -> ColumnElement[bool] | None:
    found = words(typed)[:MAX_WORDS]
    if not found:
        return None
    if conn.dialect.name == "postgresql":
        language = language if language in CONFIGS else "en"
        config: ColumnElement[Any] = literal_column(f"'{CONFIGS[language]}'::regconfig")
        query = func.to_tsquery(config, " & ".join(f"{word}:*" for word in found))
        # A query of stop words alone ("the") asks for nothing: it narrows nothing. Asked
        # apart, so that the search itself stays one condition the GIN index answers.
        if not conn.execute(select(func.numnode(query))).scalar():
            return None
        vectors = table(TSV, column("consortium_id"), column(language))
        return docs.c.consortium_id.in_(select(vectors.c.consortium_id)
                                        .where(vectors.c[language].op("@@")(query)))
    matched = text(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH :fts").bindparams(
        fts=" ".join(f'"{word}"*' for word in found))
    # "+rowid": the planner scans the narrow covering index in the catalog's order and
    # checks each id against the matches, instead of reading every matching wide row.
    return literal_column(f"+{docs.name}.rowid").in_(matched)


def matching(conn: Connection, wanted: CatalogFilter, *, language: str | None = None,
             published_only: bool = True) -> Select[Any]:
    """The ids of the consortia that match, with their order (name folded, then slug)."""
    query = select(docs.c.consortium_id, docs.c.sort_key, docs.c.slug)
    if published_only:
        query = query.where(docs.c.published)
    if wanted.sector:
        query = query.where((docs.c.sector_nace == wanted.sector)
                            | docs.c.sector_nace.startswith(f"{wanted.sector}.",
                                                            autoescape=True))
    if wanted.region:
        query = query.where(docs.c.region == wanted.region)
    for stage in wanted.stages:
        query = query.where(docs.c.stages.contains(f" {stage} ", autoescape=True))
    found = _full_text(conn, wanted.text, language)
    if found is not None:
        query = query.where(found)
    return query


def counted_page(conn: Connection, query: Select[Any], *, offset: int, limit: int
                 ) -> tuple[list[str], int]:
    """The ids in order from `offset`, `limit` of them, and how many match in all: one
    search of the index, counted as it is sorted. Past the end, no ids and a total of 0."""
    rows = conn.execute(query.add_columns(func.count().over().label("total"))
                        .order_by(docs.c.sort_key, docs.c.slug).offset(offset or None)
                        .limit(limit)).all()
    return [str(row.consortium_id) for row in rows], (rows[0].total if rows else 0)


def count(conn: Connection, query: Select[Any]) -> int:
    return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def page(conn: Connection, query: Select[Any], *, offset: int = 0, limit: int | None = None,
         after: tuple[str, str] | None = None) -> list[str]:
    """The ids in order, from `offset` or after the (sort key, slug) `after`, `limit` of them."""
    if after is not None:
        query = query.where(tuple_(docs.c.sort_key, docs.c.slug)
                             > tuple_(*(literal(key) for key in after)))
    query = query.order_by(docs.c.sort_key, docs.c.slug).offset(offset or None).limit(limit)
    return [str(row.consortium_id) for row in conn.execute(query)]
