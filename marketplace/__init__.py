"""The application layer: commands, queries, read models, ports and adapters."""
