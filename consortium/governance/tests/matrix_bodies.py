"""The governance rules in the security matrix: bodies and seats.

Everyone in governance (every member's people but students) reads the bodies, a body's seats
and seat history, and a seat's page; the student is refused and the visitor sent to sign in.
The secretariat alone sets up bodies and appoints, changes and ends seats: to everyone else
those pages are not there. A seat's principal (here admin_a, with member_a as alternate)
delegates its vote, as the secretariat may for them. The API reads bodies and seats alike, for
people and for an organisation's key; the visitor is refused."""

from datetime import date

from consortium.governance.models import Body, BodyKind, Level, Seat, SeatRole
from tests.matrix import api, page, personas

BODY_NAME = "矩阵理事会"
GOVERNANCE = personas(200, anonymous=302, student=403)
SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
SECRETARIAT_REDIRECTED = personas(404, anonymous=302, secretariat=302)


def _body(w) -> Body:
    body, _created = Body.objects.get_or_create(code="矩", defaults={
        "name": BODY_NAME, "kind": BodyKind.COUNCIL, "level": Level.DECISION})
    return body


def _seat(w) -> Seat:
    """A seat of enterprise A: admin_a principal, member_a alternate (written directly: the matrix
    is about who reaches the pages, not the council representative's role)."""
    body = _body(w)
    seat = Seat.objects.current().filter(body=body, organization=w.orgs["org_a"]).first()
    if seat is None:
        seat = Seat.objects.create(body=body, organization=w.orgs["org_a"], principal=w.users["admin_a"],
                                   alternate=w.users["member_a"], role=SeatRole.MEMBER, term_start=date(2026, 1, 1))
    return seat


def a_body(w, t):
    _seat(w)
    return {"pk": _body(w).pk}


def a_seat(w, t):
    return {"pk": _seat(w).pk}


def bodies(w, t):
    return list(Body.objects.order_by("pk").values_list("pk", "name", "is_active"))


def seats(w, t):
    return list(Seat.objects.order_by("pk").values_list(
        "pk", "principal_id", "alternate_id", "role", "weight", "term_end", "ended_at", "delegated_until"))


NEW_BODY = {"name": "", "kind": "council"}  # no name, level, mark: refused, shown again

RULES = {
    "governance:body_list": (page(expect={"any": GOVERNANCE}),),
    "governance:body_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data=NEW_BODY, state=bodies, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:body_detail": (page(kwargs=a_body, expect={"any": GOVERNANCE}),),
    "governance:body_history": (page(kwargs=a_body, expect={"any": GOVERNANCE}),),
    "governance:body_edit": (
        page(kwargs=a_body, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_body, method="post", data=NEW_BODY, state=bodies, expect={"any": SECRETARIAT_ONLY}),
    ),
    # A body with a seat is not deactivated: the secretariat is told why, the others find nothing.
    "governance:body_active": (
        page(kwargs=a_body, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_body, method="post", state=bodies, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:seat_create": (
        page(kwargs=a_body, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_body, method="post", data={}, state=seats, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:seat_detail": (page(kwargs=a_seat, expect={"any": GOVERNANCE}),),
    "governance:seat_representatives": (
        page(kwargs=a_seat, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_seat, method="post", data={}, state=seats, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:seat_edit": (
        page(kwargs=a_seat, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_seat, method="post", data={"weight": "0"}, state=seats, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:seat_end": (
        page(kwargs=a_seat, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_seat, method="post", data={"reason": ""}, state=seats, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:seat_delegate": (
        page(kwargs=a_seat, expect={"any": personas(404, anonymous=302, student=403, admin_a=200,
                                                     secretariat=200)}),
        page(kwargs=a_seat, method="post", data={"until": "2000-01-01"}, state=seats,
             expect={"any": personas(404, anonymous=302, student=403, admin_a=200, secretariat=200)}),
    ),
    "governance-body-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "governance-body-detail": (api(kwargs=a_body, expect={"any": personas(200, anonymous=401, student=404)}),),
    "governance-seat-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "governance-seat-detail": (api(kwargs=a_seat, expect={"any": personas(200, anonymous=401, student=404)}),),
}
