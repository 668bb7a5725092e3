"""Admin console: bodies."""
