"""Governance pages: meetings."""
