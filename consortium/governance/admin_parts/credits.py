"""Admin console: credits."""
