"""Who may do what in the pathways part (built on the base rules in access/__init__.py)."""
