"""The mentors rules of the security matrix (see tests/matrix.py).

The appointment is the school's: its engineer is of enterprise A. The school's staff (teacher)
see it, enterprise A's administrators and HR see it, the secretariat sees everything; enterprise
B's people, the student and the officer find nothing. Only enterprise A's administrator decides;
the school's administrators (no persona here) appoint, record hours, complete and withdraw."""

from datetime import date

from members.models import Role
from members.tests.factories import person
from tests.matrix import api, page, personas
from training.models import MentorAppointment, MentorStatus


def _appointment(w) -> MentorAppointment:
    appointment = MentorAppointment.objects.filter(term="矩阵学期").first()
    if appointment is None:
        engineer = person(w.orgs["org_a"], Role.ENGINEER, username="matrix_engineer", full_name="矩阵导师")
        appointment = MentorAppointment.objects.create(
            school=w.orgs["school"], enterprise=w.orgs["org_a"], mentor=engineer, term="矩阵学期",
            starts_on=date(2025, 9, 1), ends_on=date(2026, 1, 15), planned_hours=32, status=MentorStatus.PROPOSED)
    return appointment


def an_appointment(w, t):
    return {"pk": _appointment(w).pk}


def appointments(w, t):
    return list(MentorAppointment.objects.values_list("pk", "status", "taught_hours", "reason", "completed_at"))


NOBODY = personas(404, anonymous=302)
READERS = personas(200, anonymous=302, student=404, officer=404)
SCOPE = personas(404, anonymous=302, teacher=200, member_a=200, admin_a=200, secretariat=200)

RULES = {
    "training:mentors": (page(expect={"any": READERS}),),
    "training:mentor_create": (
        page(expect={"any": NOBODY}),
        page(method="post", data={"term": ""}, state=appointments, expect={"any": NOBODY}),
    ),
    "training:mentor": (page(kwargs=an_appointment, expect={"any": SCOPE}),),
    "training:mentor_decide": (
        page(kwargs=an_appointment, expect={"any": personas(404, anonymous=302, admin_a=200)}),
        page(kwargs=an_appointment, method="post", data={"decision": "decline"}, state=appointments,
             expect={"any": personas(404, anonymous=302, admin_a=200)}),
    ),
    "training:mentor_hours": (
        page(kwargs=an_appointment, expect={"any": NOBODY}),
        page(kwargs=an_appointment, method="post", data={"taught_hours": "5"}, state=appointments,
             expect={"any": NOBODY}),
    ),
    "training:mentor_complete": (
        page(kwargs=an_appointment, method="post", data={}, state=appointments, expect={"any": NOBODY}),
    ),
    "training:mentor_withdraw": (
        page(kwargs=an_appointment, expect={"any": NOBODY}),
        page(kwargs=an_appointment, method="post", data={"reason": "矩阵"}, state=appointments,
             expect={"any": NOBODY}),
    ),
    "training-mentor-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-mentor-detail": (
        api(kwargs=an_appointment, expect={"any": personas(404, anonymous=401, teacher=200, member_a=200,
                                                           admin_a=200, secretariat=200)}),
    ),
}
