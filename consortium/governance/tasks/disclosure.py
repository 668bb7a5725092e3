"""Governance background jobs: disclosure."""
