"""The talent platform's security-matrix rules: matching."""

RULES: dict = {}
