"""Who may do what in the teachers part (built on the base rules in access/__init__.py)."""
