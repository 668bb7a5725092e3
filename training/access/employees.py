"""Who may do what in the employees part (built on the base rules in access/__init__.py)."""
