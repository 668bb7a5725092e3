"""Governance services: credits (every write: keyword-only, one transaction, permission checked inside, audited)."""
