"""Demo data of the talent platform: postings."""


def seed(context) -> None:
    pass
