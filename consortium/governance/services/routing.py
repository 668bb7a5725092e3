"""Governance services: routing (every write: keyword-only, one transaction, permission checked inside, audited)."""
