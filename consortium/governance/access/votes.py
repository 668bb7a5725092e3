"""Who may do what in the governance part: votes (built on the base rules in access/__init__.py)."""
