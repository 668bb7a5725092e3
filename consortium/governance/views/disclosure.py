"""Governance pages: disclosure."""
