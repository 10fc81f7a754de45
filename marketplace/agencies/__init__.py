"""Agencies: the regional bodies one installation serves, each with its programme."""
