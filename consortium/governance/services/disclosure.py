"""Governance services: disclosure (every write: keyword-only, one transaction, permission checked inside, audited)."""
