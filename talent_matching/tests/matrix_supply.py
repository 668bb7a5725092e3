"""The talent platform's security-matrix rules: supply."""

RULES: dict = {}
