"""Every form handler fed arbitrary unicode: never a server error."""
