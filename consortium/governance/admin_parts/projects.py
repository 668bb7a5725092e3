"""Admin console: projects."""
