"""Admin console: routing."""
