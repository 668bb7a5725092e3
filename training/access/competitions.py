"""Who may do what in the competitions part (built on the base rules in access/__init__.py)."""
