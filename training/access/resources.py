"""Who may do what in the resources part (built on the base rules in access/__init__.py)."""
