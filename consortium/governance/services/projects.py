"""Governance services: projects (every write: keyword-only, one transaction, permission checked inside, audited)."""
