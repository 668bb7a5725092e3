"""Governance demo data: disclosure."""


def seed(context) -> None:
    pass
