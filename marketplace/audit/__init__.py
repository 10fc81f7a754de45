"""Tamper evidence: a keyed hash chain over the stored events, and its verification."""
