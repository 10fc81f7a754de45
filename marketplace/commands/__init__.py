"""The commands of each audience, as mixins of the one Marketplace application."""
