"""Demo data of the talent platform: applications."""


def seed(context) -> None:
    pass
