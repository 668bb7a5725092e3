"""Who may do what in the mentors part (built on the base rules in access/__init__.py)."""
