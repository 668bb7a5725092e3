"""Governance background jobs: votes."""
