"""Governance: disclosure."""
