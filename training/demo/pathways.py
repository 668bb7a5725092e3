"""Demo data of the pathways part."""


def seed(context) -> None:
    pass


def seed_scale(context, *, students: int) -> str:
    return ""
