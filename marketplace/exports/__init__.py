"""Exports of the event log for auditors: JSON Lines (every event) and OCDS (every bid)."""
