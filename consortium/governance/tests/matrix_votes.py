"""The governance rules in the security matrix: votes."""

RULES = {}
