"""The training demo, part by part (``seed_demo`` runs them in this order)."""

from training.demo import bases, competitions, courses, employees, mentors, pathways, resources, standards, teachers

PARTS = (standards, resources, competitions, courses, teachers, mentors, employees, bases, pathways)


def seed_demo(context) -> None:
    for part in PARTS:
        part.seed(context)


def seed_demo_scale(context, *, students: int) -> str:
    lines = [part.seed_scale(context, students=students) for part in PARTS]
    return "; ".join(line for line in lines if line)
