"""Governance forms: credits."""
