"""Governance services: votes (every write: keyword-only, one transaction, permission checked inside, audited)."""
