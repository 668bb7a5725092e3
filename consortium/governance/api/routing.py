"""Governance API: routing."""
