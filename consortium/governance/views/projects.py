"""Governance pages: projects."""
