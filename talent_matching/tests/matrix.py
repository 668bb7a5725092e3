"""The talent platform's rules in the security matrix (see ``tests/matrix.py``), one module per part."""

from talent_matching.tests import (
    matrix_applications, matrix_matching, matrix_placement, matrix_postings, matrix_profiles, matrix_supply,
)

RULES = {
    **matrix_postings.RULES,
    **matrix_profiles.RULES,
    **matrix_applications.RULES,
    **matrix_matching.RULES,
    **matrix_placement.RULES,
    **matrix_supply.RULES,
}
