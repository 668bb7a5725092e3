"""Governance pages: routing."""
