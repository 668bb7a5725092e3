"""Demo data of the talent platform: profiles."""


def seed(context) -> None:
    pass
