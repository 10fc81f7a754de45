"""The consortium's rules and the member agreement as documents: their text and its hash.

Each version of the rules is written out as one text, the same whatever the reader's
language: the rules' own field names and values, money with its currency at its minor
units, percentages as plain decimals. The member agreement of a version holds that text
whole, with the consortium's name and the rules' hash. Both are made again from what the
`RulesAdopted` event recorded, so a member signs exactly what the manager and the
auditor can read later; the SHA-256 of each text is recorded in the events.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from domain.money import minor_units
from domain.rules import ConsortiumRules

AGREEMENT_TERMS = (
    "The member company, through the person who signs below for it, agrees to the rules "
    "of the consortium in the version named above, reproduced in full below, and to the "
    "decisions taken under them. In particular it undertakes to answer the manager's "
    "requests for contributions within the quote response deadline, to pay its fees when "
    "they fall due, and to keep confidential what the consortium's members and buyers "
    "share with it. A new version of the rules is signed again before it binds the member."
)


def sha256(text: str) -> str:
    """The SHA-256 of a document's text (UTF-8), in hexadecimal."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(number: Decimal) -> str:
    # 1.50 and 1.5 are one percentage: written once, without an exponent.
    written = format(number.normalize(), "f")
    return written


def _money(amount: Decimal, currency: str) -> str:
    exponent = Decimal(1).scaleb(-minor_units(currency))
    return f"{currency} {amount.quantize(exponent)}"


def rules_text(rules: ConsortiumRules, version: int) -> str:
    """The rules of one version as text: one line per rule, in a fixed order."""
    fees = "; ".join(f"{tier} {_money(fee.amount, fee.currency)}"
                     for tier, fee in sorted(rules.annual_fees.items()))
    lines = [
        f"RULES OF THE CONSORTIUM, VERSION {version}",
        f"quote_response_days: {rules.quote_response_days}",
        f"annual_fees: {fees}",
        f"success_fee_percent: {_plain(rules.success_fee_percent)}",
        f"work_share_rule: {rules.work_share_rule}",
        f"quorum_percent: {rules.quorum_percent}",
        f"grace_days: {rules.grace_days}",
        f"suspend_on_arrears: {'yes' if rules.suspend_on_arrears else 'no'}",
        f"pro_rata: {'yes' if rules.pro_rata else 'no'}",
    ]
    return "\n".join(lines) + "\n"


def agreement_text(name: str, slug: str, rules: ConsortiumRules, version: int) -> str:
    """The member agreement of a version of the rules: terms, then the rules whole."""
    rules_written = rules_text(rules, version)
    return (
        "MEMBER AGREEMENT\n"
        f"Consortium: {name} ({slug})\n"
        f"Rules version: {version}\n"
        f"Rules SHA-256: {sha256(rules_written)}\n"
        "\n"
        f"{AGREEMENT_TERMS}\n"
        "\n"
        f"{rules_written}"
    )
