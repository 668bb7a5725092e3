"""Demo data of the talent platform: supply."""


def seed(context) -> None:
    pass
