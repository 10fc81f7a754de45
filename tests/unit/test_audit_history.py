"""What an event changed, as the auditor's history shows it."""

from __future__ import annotations

from marketplace.audit.steps import Change, diff


def test_unchanged_attributes_are_left_out() -> None:
    assert diff({"status": "requested", "unit": "t"}, {"status": "qualified", "unit": "t"}) == (
        Change("status", "requested", "qualified"),)


def test_inside_a_mapping_only_the_entries_that_changed_are_named() -> None:
    before = {"fees": {"2025": "assessed", "2024": "paid"}}
    after = {"fees": {"2025": "paid", "2024": "paid", "2026": "assessed"}}
    assert diff(before, after) == (Change("fees[2025]", "assessed", "paid"),
                                   Change("fees[2026]", None, "assessed"))


def test_a_first_value_is_shown_whole_and_a_first_entry_by_its_key() -> None:
    assert diff({}, {"fees": {}}) == (Change("fees", None, {}),)
    assert diff({"fees": {}}, {"fees": {"2025": "assessed"}}) == (
        Change("fees[2025]", None, "assessed"),)
