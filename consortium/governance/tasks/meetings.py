"""Governance background jobs: meetings."""
