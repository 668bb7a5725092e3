"""Demo data of the talent platform: placement."""


def seed(context) -> None:
    pass
