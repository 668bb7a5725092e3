"""Governance: plans."""
