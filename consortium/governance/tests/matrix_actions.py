"""The governance rules in the security matrix: actions."""

RULES = {}
