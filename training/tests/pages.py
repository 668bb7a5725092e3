"""Every training page the accessibility test (tests/test_accessibility.py) opens, part by part."""

from django.urls import reverse

from training.tests import (
    pages_bases, pages_competitions, pages_courses, pages_employees, pages_mentors, pages_pathways, pages_resources,
    pages_standards, pages_teachers,
)

PARTS = (pages_standards, pages_courses, pages_resources, pages_teachers, pages_mentors, pages_employees, pages_bases,
         pages_competitions, pages_pathways)


def pages() -> dict[str, list[tuple[str, str]]]:
    found = {"teacher": [("training hub", reverse("training:home"))]}
    for part in PARTS:
        for who, more in part.pages().items():
            found.setdefault(who, []).extend(more)
    return found
