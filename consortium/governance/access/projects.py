"""Who may do what in the governance part: projects (built on the base rules in access/__init__.py)."""
