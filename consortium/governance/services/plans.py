"""Governance services: plans (every write: keyword-only, one transaction, permission checked inside, audited)."""
