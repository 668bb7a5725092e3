"""Admin console: minutes."""
