"""Governance pages: credits."""
