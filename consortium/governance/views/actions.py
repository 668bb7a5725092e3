"""Governance pages: actions."""
