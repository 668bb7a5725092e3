"""The training area's rules in the security matrix (see ``tests/matrix.py``)."""

from tests.matrix import page, personas

RULES = {
    "training:index": (page(expect={"any": personas(200, anonymous=302, officer=403)}),),
}
