"""The export-consortium domain: aggregates, events, value objects and rules."""
