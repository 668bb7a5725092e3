"""Governance background jobs: bodies."""
