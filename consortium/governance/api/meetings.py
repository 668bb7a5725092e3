"""Governance API: meetings."""
