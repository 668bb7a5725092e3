"""Governance pages: votes."""
