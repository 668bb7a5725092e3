"""Governance forms: minutes."""
