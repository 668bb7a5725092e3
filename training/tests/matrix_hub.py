"""The training hub: people of schools and enterprises and the secretariat; the visitor signs in."""

from tests.matrix import page, personas

RULES = {
    "training:home": (page(expect={"any": personas(200, anonymous=302, officer=403)}),),
}
