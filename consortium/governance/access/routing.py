"""Who may do what in the governance part: routing (built on the base rules in access/__init__.py)."""
