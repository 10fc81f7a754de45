"""Storefront."""
