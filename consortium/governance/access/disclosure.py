"""Who may do what in the governance part: disclosure (built on the base rules in access/__init__.py)."""
