"""Governance demo data: plans."""


def seed(context) -> None:
    pass
