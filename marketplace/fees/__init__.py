"""Fees."""
