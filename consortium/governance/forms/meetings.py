"""Governance forms: meetings."""
