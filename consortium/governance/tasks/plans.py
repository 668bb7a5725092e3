"""Governance background jobs: plans."""
