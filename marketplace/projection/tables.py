"""The read-model tables: what pages and the CLI read, rebuilt from the event log at will.

Money is kept as the exact text of its Decimal beside its currency (SQLite has no exact
decimal type), times in UTC. Personal data never comes here: only organisations and firms.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from marketplace.projection.columns import Amount, UtcDateTime

metadata = MetaData()


def _id(name: str, **kwargs: Any) -> Column[Any]:
    return Column(name, String(36), **kwargs)


# Where each projector is in the event log; never dropped by a rebuild.
tracking = Table(
    "projection_tracking", metadata,
    Column("name", String(60), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

catalog = Table(
    "rm_catalog", metadata,
    _id("consortium_id", primary_key=True),
    Column("slug", String(60), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("agency", String(80), nullable=False),
    Column("region", String(10), nullable=False),
    Column("sector_nace", String(5), nullable=False),
    Column("sector_name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("offer_stages", JSON, nullable=False),
    Column("offer_summary", Text, nullable=False),
    Column("prospect_count", Integer, nullable=False),
    Column("member_count", Integer, nullable=False),
    Column("certifications", JSON, nullable=False),  # name -> how many members hold it
    Column("quote_response_days", Integer, nullable=True),
    Column("countries_delivered", JSON, nullable=False),
    Column("established_on", Date, nullable=True),
    Column("proposed_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

companies = Table(
    "rm_companies", metadata,
    _id("company_id", primary_key=True),
    Column("tax_id", String(30), nullable=False),
    Column("name", String(120), nullable=False),
    Column("region", String(10), nullable=False),
    Column("sector_nace", String(5), nullable=False),
    Column("sector_name", String(200), nullable=False),
    Column("employees", Integer, nullable=False),
    Column("summary", Text, nullable=False),
    Column("website", String(200), nullable=False),
)

members = Table(
    "rm_members", metadata,
    _id("membership_id", primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    _id("company_id", nullable=False, index=True),
    Column("company_name", String(120), nullable=False),
    Column("status", String(20), nullable=False),
    Column("tier", String(40), nullable=False),
    Column("stages", JSON, nullable=False),
    Column("certifications", JSON, nullable=False),
    # What the storefront shows of a member: [{"name", "expires_on": ISO date or null}].
    Column("certificates", JSON, nullable=False),
    Column("products", JSON, nullable=False),
    Column("capacity", Text, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("joined_on", Date, nullable=True),
    Column("meetings_attended", Integer, nullable=False),
    Column("endorsements", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

capabilities = Table(
    "rm_capabilities", metadata,
    _id("membership_id", primary_key=True),
    Column("stage", String(20), primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    _id("company_id", nullable=False),
)

bids = Table(
    "rm_bids", metadata,
    _id("bid_id", primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    Column("organisation", String(200), nullable=False),
    Column("buyer_country", String(2), nullable=False),
    Column("stages", JSON, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("incoterm", String(130), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("quote_needed_by", Date, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("respond_by", UtcDateTime, nullable=False),
    Column("responded_at", UtcDateTime, nullable=True),
    Column("responded_on_time", Boolean, nullable=True),
    Column("quote_price", Amount, nullable=True),
    Column("quoted_at", UtcDateTime, nullable=True),
    Column("quote_valid_until", Date, nullable=True),
    Column("contract_value", Amount, nullable=True),
    Column("contract_reference", String(200), nullable=True),
    Column("awarded_at", UtcDateTime, nullable=True),
    Column("milestones_delivered", Integer, nullable=False),
    # The digest of the buyer's private tracking link: finds the bid, cannot make a link.
    Column("tracking_digest", String(64), nullable=True, unique=True),
    Column("updated_at", UtcDateTime, nullable=False),
)

contributions = Table(
    "rm_contributions", metadata,
    _id("bid_id", primary_key=True),
    Column("stage", String(20), primary_key=True),
    _id("membership_id", primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    Column("status", String(20), nullable=False),  # requested, committed, withdrawn
    Column("due_on", Date, nullable=False),
    Column("price", Amount, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("lead_time_days", Integer, nullable=True),
)

work_shares = Table(
    "rm_work_shares", metadata,
    _id("bid_id", primary_key=True),
    _id("membership_id", primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
)

fees = Table(
    "rm_fees", metadata,
    _id("membership_id", primary_key=True),
    Column("fee_id", String(60), primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    Column("period", String(20), nullable=False),
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("status", String(20), nullable=False),  # assessed, paid, failed, refunded
    Column("paid_on", Date, nullable=True),
    Column("paid_reference", String(200), nullable=True),
    Column("refunded", Amount, nullable=False),
)

seed_funding = Table(
    "rm_seed_funding", metadata,
    _id("consortium_id", primary_key=True),
    Column("currency", String(3), nullable=False),
    Column("programme_cap", Amount, nullable=False),
    Column("granted", Amount, nullable=False),
    Column("disbursed", Amount, nullable=False),
)

kpi_counters = Table(
    "rm_kpi_counters", metadata,
    _id("consortium_id", primary_key=True),
    Column("key", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Members joining and leaving, per consortium and month: the dashboard's members over time.
member_moves = Table(
    "rm_member_moves", metadata,
    _id("consortium_id", primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM
    Column("joined", Integer, nullable=False),
    Column("left", Integer, nullable=False),
)

# What the buyer's tracking page shows beyond the pipeline: the request as typed, the
# quote's lead time, and one dated row per public step (received, qualified, quoted...).
bid_requests = Table(
    "rm_bid_requests", metadata,
    _id("bid_id", primary_key=True),
    Column("quantity", Amount, nullable=False),
    Column("unit", String(30), nullable=False),
    Column("specification", Text, nullable=False),
    Column("wanted_delivery", Date, nullable=True),
    Column("quote_lead_time_days", Integer, nullable=True),
)

bid_timeline = Table(
    "rm_bid_timeline", metadata,
    _id("bid_id", primary_key=True),
    Column("step", String(20), primary_key=True),  # each public step happens once
    Column("at", UtcDateTime, nullable=False),
    Column("note", Text, nullable=True),  # the consortium's reason when it declines
)

# The rates each consortium's manager keeps; one row per pair and day it holds from.
exchange_rates = Table(
    "rm_exchange_rates", metadata,
    _id("consortium_id", primary_key=True),
    Column("currency_from", String(3), primary_key=True),
    Column("currency_to", String(3), primary_key=True),
    Column("as_of", Date, primary_key=True),
    Column("rate", Amount, nullable=False),
    Column("set_at", UtcDateTime, nullable=False),
)

# Everything a rebuild drops and recreates (not the tracking table, not the vault).
# Who may sign in and in which roles; the person's name and e-mail stay in the vault.
accounts = Table(
    "rm_accounts", metadata,
    _id("account_id", primary_key=True),
    _id("person_ref", nullable=False, index=True),
    Column("grants", JSON, nullable=False),  # [{"role": ..., "scope": ...}]
    Column("status", String(10), nullable=False),  # open, closed
    Column("opened_at", UtcDateTime, nullable=False),
)

# The agency's formation workflow: the consortium's version (for stale forms), its
# governance, meetings, prospects' notes and every seed-funding movement.
formation = Table(
    "rm_formation", metadata,
    _id("consortium_id", primary_key=True),
    Column("version", Integer, nullable=False),  # the aggregate's, to refuse stale forms
    Column("manager_appointed_at", UtcDateTime, nullable=True),
    Column("rules_version", Integer, nullable=False),
    Column("rules", JSON, nullable=True),  # the latest adopted rules, money as text
    Column("rules_adopted_at", UtcDateTime, nullable=True),
)

prospects = Table(
    "rm_prospects", metadata,
    _id("membership_id", primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    Column("export_potential", Text, nullable=False),
    Column("version", Integer, nullable=False),  # the membership's, to refuse stale forms
)

meetings = Table(
    "rm_meetings", metadata,
    _id("meeting_id", primary_key=True),
    _id("consortium_id", nullable=False, index=True),
    Column("meeting_on", Date, nullable=False),
    Column("topic", String(200), nullable=False),
    Column("held", Boolean, nullable=False),
    Column("attendees", JSON, nullable=False),  # company ids
)

seed_ledger = Table(
    "rm_seed_ledger", metadata,
    _id("consortium_id", primary_key=True),
    Column("version", Integer, primary_key=True),  # the event's, in the consortium
    Column("kind", String(10), nullable=False),  # granted, disbursed
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
)

# The mails each member user chose; an account without a row gets every kind.
mail_preferences = Table(
    "rm_mail_preferences", metadata,
    _id("account_id", primary_key=True),
    Column("wanted", JSON, nullable=False),
    Column("version", Integer, nullable=False),  # the aggregate's, for stale forms
)

# Every event in order, one row each, for the auditor's log: its filters need these
# columns indexed beside the position, so a filtered page is one index range read.
event_log = Table(
    "rm_event_log", metadata,
    # INTEGER on SQLite makes the position the rowid itself, sparing the table one index.
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
           autoincrement=False),
    _id("aggregate_id", nullable=False),
    Column("aggregate_type", String(40), nullable=False),
    Column("event_type", String(80), nullable=False),  # Bid.QuoteRequested
    _id("consortium_id", nullable=True),
    Column("actor", String(200), nullable=True),  # from the hash chain; None without one
    # Who, without the roles held then: "user:<id>", "buyer", "system". Filters use it, so
    # one person's events come in log order from the index.
    Column("actor_key", String(200), nullable=True),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_rm_event_log_aggregate", "aggregate_id", "position"),
    Index("ix_rm_event_log_consortium", "consortium_id", "position"),
    Index("ix_rm_event_log_aggregate_type", "aggregate_type", "position"),
    Index("ix_rm_event_log_event_type", "event_type", "position"),
    Index("ix_rm_event_log_actor", "actor_key", "position"),
    Index("ix_rm_event_log_at", "at"),
)

READ_MODEL_TABLES: tuple[Table, ...] = (
    catalog, companies, members, capabilities, bids, contributions, work_shares, fees,
    seed_funding, kpi_counters, bid_requests, bid_timeline, accounts, exchange_rates,
    member_moves,
    formation, prospects, meetings, seed_ledger, mail_preferences,
    event_log,
)
