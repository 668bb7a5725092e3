"""Governance demo data: actions."""


def seed(context) -> None:
    pass
