"""Governance background jobs: actions."""
