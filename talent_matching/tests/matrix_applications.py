"""The talent platform's security-matrix rules: applications."""

RULES: dict = {}
