"""The governance rules in the security matrix: meetings."""

RULES = {}
