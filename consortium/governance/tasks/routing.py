"""Governance background jobs: routing."""
