"""Admin console: votes."""
