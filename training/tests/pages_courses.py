"""The courses pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""


def pages() -> dict[str, list[tuple[str, str]]]:
    return {}
