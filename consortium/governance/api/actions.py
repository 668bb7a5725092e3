"""Governance API: actions."""
