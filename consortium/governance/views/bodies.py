"""Governance pages: bodies."""
