"""The talent platform's security-matrix rules: postings."""

RULES: dict = {}
