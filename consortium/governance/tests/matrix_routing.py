"""The governance rules in the security matrix: routing."""

RULES = {}
