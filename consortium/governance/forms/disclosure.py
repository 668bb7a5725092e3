"""Governance forms: disclosure."""
