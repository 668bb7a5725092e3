"""The governance hub: every member's people except students; the visitor signs in."""

from tests.matrix import page, personas

RULES = {
    "governance:home": (page(expect={"any": personas(200, anonymous=302, student=403)}),),
}
