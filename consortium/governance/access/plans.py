"""Who may do what in the governance part: plans (built on the base rules in access/__init__.py)."""
