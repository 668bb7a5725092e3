"""The governance rules in the security matrix: plans."""

RULES = {}
