"""Governance demo data: routing."""


def seed(context) -> None:
    pass
