"""Governance API: plans."""
