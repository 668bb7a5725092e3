"""Governance: routing."""
