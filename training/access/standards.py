"""Who may do what in the standards part (built on the base rules in access/__init__.py)."""
