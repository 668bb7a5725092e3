"""The teachers rules of the security matrix (see tests/matrix.py)."""

RULES = {}
