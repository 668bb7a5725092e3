"""Governance demo data: votes."""


def seed(context) -> None:
    pass
