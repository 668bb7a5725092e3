"""Demo data of the teachers part."""


def seed(context) -> None:
    pass


def seed_scale(context, *, students: int) -> str:
    return ""
