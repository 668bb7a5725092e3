"""The governance rules in the security matrix: projects."""

RULES = {}
