"""Governance forms: bodies."""
