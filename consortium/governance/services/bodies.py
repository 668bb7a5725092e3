"""Governance services: bodies (every write: keyword-only, one transaction, permission checked inside, audited)."""
