"""Admin console: actions."""
