"""Formation."""
