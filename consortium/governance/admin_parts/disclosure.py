"""Admin console: disclosure."""
