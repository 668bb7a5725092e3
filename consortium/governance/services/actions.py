"""Governance services: actions (every write: keyword-only, one transaction, permission checked inside, audited)."""
