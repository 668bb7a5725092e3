"""The governance demo data, one module per part, seeded in the order they build on each other."""

from consortium.governance.demo import bodies, meetings, votes, minutes, routing, actions, plans, projects, credits, disclosure


def seed_demo(context) -> None:
    for part in (bodies, meetings, votes, minutes, routing, actions, plans, projects, credits, disclosure):
        part.seed(context)


def seed_demo_scale(context, *, students: int) -> str:
    from consortium.governance.demo import scale

    return scale.seed_scale(context, students=students)
