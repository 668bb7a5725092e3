"""Governance API: credits."""
