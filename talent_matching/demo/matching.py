"""Demo data of the talent platform: matching."""


def seed(context) -> None:
    pass
