"""The talent platform's rules in the security matrix (see ``tests/matrix.py``)."""

from tests.matrix import page, signed_in

RULES = {
    "talent_matching:index": (page(expect={"any": signed_in(200)}),),
}
