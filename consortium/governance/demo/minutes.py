"""Governance demo data: minutes."""


def seed(context) -> None:
    pass
