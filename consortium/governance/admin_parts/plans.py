"""Admin console: plans."""
