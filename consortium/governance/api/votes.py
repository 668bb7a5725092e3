"""Governance API: votes."""
