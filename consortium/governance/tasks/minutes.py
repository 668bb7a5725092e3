"""Governance background jobs: minutes."""
