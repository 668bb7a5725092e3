"""Governance forms: plans."""
