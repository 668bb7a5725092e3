"""Governance: actions."""
