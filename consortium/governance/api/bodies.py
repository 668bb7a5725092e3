"""Governance API: bodies."""
