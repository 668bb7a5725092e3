"""The governance rules in the security matrix: minutes."""

RULES = {}
