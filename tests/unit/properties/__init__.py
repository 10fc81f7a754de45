"""Hypothesis stateful tests: random command sequences never break an aggregate's rules."""
