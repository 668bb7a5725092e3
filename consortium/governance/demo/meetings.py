"""Governance demo data: meetings."""


def seed(context) -> None:
    pass
