"""The governance rules in the security matrix: bodies."""

RULES = {}
