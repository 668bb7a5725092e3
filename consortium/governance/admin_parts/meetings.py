"""Admin console: meetings."""
