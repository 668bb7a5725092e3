"""Governance API: minutes."""
