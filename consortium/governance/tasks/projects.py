"""Governance background jobs: projects."""
