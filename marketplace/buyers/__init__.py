"""The buyer's own space: signing in by a one-time link mailed to the address, no password."""
