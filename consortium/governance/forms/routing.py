"""Governance forms: routing."""
