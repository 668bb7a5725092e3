"""Governance API: disclosure."""
