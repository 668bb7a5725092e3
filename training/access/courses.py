"""Who may do what in the courses part (built on the base rules in access/__init__.py)."""
