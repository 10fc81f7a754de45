"""The catalog's search documents: one row per consortium, kept by the projector.

A row holds what the catalog filters on (published or not, sector, region, stages, the
order by name) and one folded document of every word a buyer may find the consortium by: its name,
region and sector, its offer in each language, its member firms' names, products and
certificates, the countries it delivered to, and every language's names for these (see
vocabulary.py). The full-text index over the document is the store's own: FTS5 on SQLite
(a virtual table kept by triggers); on PostgreSQL, a table of the document's tsvector in
each language's configuration, kept by a trigger, with a GIN index on each. Both are
created and dropped with the table, so a rebuild from zero recreates them like any read
model, and `table_rows` compares the table itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import DDL, Boolean, Column, Index, String, Table, Text, delete, event, select
from sqlalchemy.engine import Connection

from domain.statuses import MEMBER, ConsortiumStatus
from marketplace.projection.columns import ident, metadata
from marketplace.storefront.nace import NACE_TITLES
from marketplace.storefront.vocabulary import (
    STAGE_MSGIDS,
    concepts_in,
    country_names,
    fold,
    in_every_language,
    region_name,
)

# The configuration each page language searches with on PostgreSQL.
CONFIGS = {"en": "english", "es": "spanish", "fr": "french", "de": "german"}
FTS = "rm_catalog_search_fts"

search_documents = Table(
    "rm_catalog_search", metadata,
    ident("consortium_id", primary_key=True),
    Column("published", Boolean, nullable=False),
    # The name folded to lower case, in code-point order on both stores (the API's cursor).
    Column("sort_key", String(480).with_variant(String(480, collation="C"), "postgresql"),
           nullable=False),
    Column("slug", String(60).with_variant(String(60, collation="C"), "postgresql"),
           nullable=False),
    Column("sector_nace", String(5), nullable=False),
    Column("sector_name", String(200), nullable=False),
    Column("region", String(10), nullable=False),  # ISO 3166-2, as the catalog keeps it
    Column("stages", String(120), nullable=False),  # " design manufacturing ", to match a word
    Column("document", Text, nullable=False),
    # The catalog's order, filters and sectors, read from the indexes alone: a search
    # checks the ids the full-text index found against this one, never the wide rows.
    Index("ix_rm_catalog_search_order", "published", "sort_key", "slug", "stages",
          "sector_nace", "region", "consortium_id"),
    Index("ix_rm_catalog_search_sectors", "published", "sector_nace", "sector_name"),
    Index("ix_rm_catalog_search_regions", "published", "region"),
)

_SQLITE_INDEX = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(document, content='rm_catalog_search', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON rm_catalog_search BEGIN "
    f"INSERT INTO {FTS}(rowid, document) VALUES (new.rowid, new.document); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON rm_catalog_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, document) VALUES ('delete', old.rowid, old.document); "
    "END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON rm_catalog_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, document) VALUES ('delete', old.rowid, old.document); "
    f"INSERT INTO {FTS}(rowid, document) VALUES (new.rowid, new.document); END",
)
for statement in _SQLITE_INDEX:
    event.listen(search_documents, "after_create", DDL(statement).execute_if(dialect="sqlite"))
event.listen(search_documents, "before_drop",
             DDL(f"DROP TABLE IF EXISTS {FTS}").execute_if(dialect="sqlite"))
# PostgreSQL: each language's tsvector of the document, stored beside it by a trigger and
# indexed (GIN), so a search reads the index and never computes a tsvector per row.
TSV = "rm_catalog_search_tsv"
_VECTORS = ", ".join(f"to_tsvector('{config}'::regconfig, NEW.document)"
                     for config in CONFIGS.values())
_POSTGRES_INDEX = (
    f"CREATE TABLE {TSV} (consortium_id VARCHAR(36) PRIMARY KEY "
    f"REFERENCES rm_catalog_search (consortium_id) ON DELETE CASCADE, "
    + ", ".join(f"{language} TSVECTOR NOT NULL" for language in CONFIGS) + ")",
    *(f"CREATE INDEX ix_{TSV}_{language} ON {TSV} USING gin ({language})"
      for language in CONFIGS),
    f"CREATE OR REPLACE FUNCTION {TSV}_write() RETURNS trigger LANGUAGE plpgsql AS $body$ "
    f"BEGIN INSERT INTO {TSV} VALUES (NEW.consortium_id, {_VECTORS}) "
    f"ON CONFLICT (consortium_id) DO UPDATE SET "
    + ", ".join(f"{language} = EXCLUDED.{language}" for language in CONFIGS)
    + "; RETURN NULL; END $body$",
    f"CREATE TRIGGER {TSV}_write AFTER INSERT OR UPDATE ON rm_catalog_search "
    f"FOR EACH ROW EXECUTE FUNCTION {TSV}_write()",
)
for statement in _POSTGRES_INDEX:
    event.listen(search_documents, "after_create",
                 DDL(statement).execute_if(dialect="postgresql"))
event.listen(search_documents, "before_drop",
             DDL(f"DROP TABLE IF EXISTS {TSV}").execute_if(dialect="postgresql"))


def _nace_names(nace: str) -> list[str]:
    titles = {NACE_TITLES.get(nace), NACE_TITLES.get(nace.split(".")[0])} - {None}
    return [name for title in sorted(t for t in titles if t) for name in in_every_language(title)]


def _document(entry: dict[str, Any], texts: list[str], firms: list[Any]) -> str:
    own = [entry["name"], entry["slug"], entry["offer_summary"], *texts]
    for firm in firms:
        own += [firm.company_name, firm.summary, *firm.products,
                *(cert["name"] for cert in firm.certificates)]
    words = [*own, entry["region"], region_name(entry["region"]), entry["sector_nace"],
             entry["sector_name"], *_nace_names(entry["sector_nace"]), *concepts_in(own)]
    for stage in entry["offer_stages"]:
        words += in_every_language(STAGE_MSGIDS.get(stage, stage))
    for country in entry["countries_delivered"]:
        words += country_names(country)
    return " ".join(filter(None, map(_folded, words)))


@lru_cache(maxsize=1 << 16)
def _folded(part: str) -> str:
    # Names, products, countries and labels recur across consortia: fold each once.
    return fold(part)


def refresh(conn: Connection, consortium_ids: list[str]) -> None:
    """Write the search documents of these consortia again, from the read models."""
    catalog, offer_texts = metadata.tables["rm_catalog"], metadata.tables["rm_offer_texts"]
    members, companies = metadata.tables["rm_members"], metadata.tables["rm_companies"]
    conn.execute(delete(search_documents)
                 .where(search_documents.c.consortium_id.in_(consortium_ids)))
    entries = [dict(row._mapping) for row in conn.execute(
        select(catalog).where(catalog.c.consortium_id.in_(consortium_ids)))]
    if not entries:
        return
    texts: dict[str, list[str]] = {}
    for row in conn.execute(select(offer_texts.c.consortium_id, offer_texts.c.summary)
                            .where(offer_texts.c.consortium_id.in_(consortium_ids))
                            .order_by(offer_texts.c.language)):
        texts.setdefault(row.consortium_id, []).append(row.summary)
    firms: dict[str, list[Any]] = {}
    for row in conn.execute(
            select(members.c.consortium_id, members.c.company_name, members.c.products,
                   members.c.certificates, companies.c.summary)
            .join(companies, companies.c.company_id == members.c.company_id)
            .where(members.c.consortium_id.in_(consortium_ids),
                   members.c.status.in_(MEMBER))
            .order_by(members.c.company_name, members.c.membership_id)):
        firms.setdefault(row.consortium_id, []).append(row)
    conn.execute(search_documents.insert(), [_row(entry, texts.get(entry["consortium_id"], []),
                                                  firms.get(entry["consortium_id"], []))
                                             for entry in entries])


def _row(entry: dict[str, Any], texts: list[str], firms: Iterable[Any]) -> dict[str, Any]:
    return {
        "consortium_id": entry["consortium_id"],
        "published": (entry["status"] == ConsortiumStatus.ESTABLISHED
                      and bool(entry["offer_stages"])),
        "sort_key": entry["name"].casefold(), "slug": entry["slug"],
        "sector_nace": entry["sector_nace"], "sector_name": entry["sector_name"],
        "region": entry["region"],
        "stages": f" {' '.join(sorted(entry['offer_stages']))} ",
        "document": _document(entry, texts, list(firms)),
    }
