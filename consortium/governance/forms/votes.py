"""Governance forms: votes."""
