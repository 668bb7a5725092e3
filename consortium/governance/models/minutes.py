"""Governance: minutes."""
