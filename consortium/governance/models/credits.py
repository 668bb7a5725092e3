"""Governance: credits."""
