"""Governance pages: plans."""
