"""Governance: projects."""
