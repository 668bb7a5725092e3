"""The training rules in the security matrix (see ``tests/matrix.py``), one module per part."""

from training.tests import (
    matrix_bases, matrix_competitions, matrix_courses, matrix_employees, matrix_hub, matrix_mentors, matrix_pathways,
    matrix_resources, matrix_standards, matrix_teachers,
)

RULES = {
    **matrix_hub.RULES,
    **matrix_standards.RULES,
    **matrix_courses.RULES,
    **matrix_resources.RULES,
    **matrix_teachers.RULES,
    **matrix_mentors.RULES,
    **matrix_employees.RULES,
    **matrix_bases.RULES,
    **matrix_competitions.RULES,
    **matrix_pathways.RULES,
}
