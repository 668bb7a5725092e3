"""The talent platform's security-matrix rules: placement."""

RULES: dict = {}
