"""Governance pages: minutes."""
