"""Governance services: meetings (every write: keyword-only, one transaction, permission checked inside, audited)."""
