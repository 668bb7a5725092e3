"""Governance services: minutes (every write: keyword-only, one transaction, permission checked inside, audited)."""
