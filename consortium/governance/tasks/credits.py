"""Governance background jobs: credits."""
