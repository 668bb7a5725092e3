"""Governance API: projects."""
