"""The governance rules in the security matrix: disclosure."""

RULES = {}
