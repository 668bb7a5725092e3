"""Governance forms: projects."""
