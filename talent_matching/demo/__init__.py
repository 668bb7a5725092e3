"""The talent platform's demo data, one module per part, seeded in the order they build on
each other (postings and profiles first)."""

from talent_matching.demo import applications, matching, placement, postings, profiles, supply
from talent_matching.demo.scale import seed_demo_scale  # noqa: F401


def seed_demo(context) -> None:
    for part in (postings, profiles, applications, matching, placement, supply):
        part.seed(context)


def finish_demo(context) -> None:
    """Once every app has seeded: the first matching run over the demo's postings and profiles."""
    matching.finish(context)
