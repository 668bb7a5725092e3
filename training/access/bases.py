"""Who may do what in the bases part (built on the base rules in access/__init__.py)."""
