"""The credentials area's rules in the security matrix (see ``tests/matrix.py``)."""

from tests.matrix import page, signed_in

RULES = {
    "credentials:index": (page(expect={"any": signed_in(200)}),),
}
