"""Projection."""
