"""Governance forms: actions."""
