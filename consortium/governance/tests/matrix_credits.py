"""The governance rules in the security matrix: credits."""

RULES = {}
