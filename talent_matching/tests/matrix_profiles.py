"""The talent platform's security-matrix rules: profiles."""

RULES: dict = {}
