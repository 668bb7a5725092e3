"""Governance demo data: credits."""


def seed(context) -> None:
    pass
