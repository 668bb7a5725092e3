"""Governance demo data: projects."""


def seed(context) -> None:
    pass
