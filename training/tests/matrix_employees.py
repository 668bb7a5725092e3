"""The employees rules of the security matrix (see tests/matrix.py).

The programme is the school's and open: the school's staff (teacher), every enterprise's
administrators and HR, and the secretariat see it; the student and the officer find nothing. The
enrolment is enterprise A's: its administrators and HR, the school's staff and the secretariat
see it. Enterprises' administrators and HR enrol; the school's administrators (no persona here)
offer, edit, add sessions, record attendance and assessments; the report is the secretariat's
(and the school administrators')."""

from datetime import date

from tests.matrix import api, page, personas
from training.models import EmployeeEnrolment, ProgrammeSession, TrainingProgramme


def _programme(w) -> TrainingProgramme:
    programme = TrainingProgramme.objects.filter(title="矩阵培训项目").first()
    if programme is None:
        programme = TrainingProgramme.objects.create(
            school=w.orgs["school"], title="矩阵培训项目", kind="pre_job", hours=16, fee=500, capacity=10,
            starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31))
        ProgrammeSession.objects.create(programme=programme, date=date(2026, 3, 2), hours=8, topic="矩阵课")
        EmployeeEnrolment.objects.create(programme=programme, enterprise=w.orgs["org_a"], name="矩阵员工",
                                         employee_number="M-1")
    return programme


def a_programme(w, t):
    return {"pk": _programme(w).pk}


def a_session(w, t):
    return {"pk": _programme(w).sessions.get().pk}


def an_enrolment(w, t):
    return {"pk": _programme(w).enrolments.get().pk}


def state(w, t):
    return (list(TrainingProgramme.objects.values_list("pk", "title", "capacity", "status")),
            list(ProgrammeSession.objects.values_list("pk", "topic")),
            list(EmployeeEnrolment.objects.values_list("pk", "status", "score", "passed", "attended_hours")))


NOBODY = personas(404, anonymous=302)
READERS = personas(200, anonymous=302, student=404, officer=404)
ENROLLERS = personas(404, anonymous=302, member_a=200, admin_a=200, outsider=200, admin_b=200)
ENROLMENT_SCOPE = personas(404, anonymous=302, teacher=200, member_a=200, admin_a=200, secretariat=200)

RULES = {
    "training:programmes": (page(expect={"any": READERS}),),
    "training:enrolments": (page(expect={"any": READERS}),),
    "training:employee_training_report": (page(expect={"any": personas(404, anonymous=302, secretariat=200)}),),
    "training:programme_create": (
        page(expect={"any": NOBODY}),
        page(method="post", data={"title": ""}, state=state, expect={"any": NOBODY}),
    ),
    "training:programme": (page(kwargs=a_programme, expect={"any": READERS}),),
    "training:programme_edit": (
        page(kwargs=a_programme, expect={"any": NOBODY}),
        page(kwargs=a_programme, method="post", data={"title": "改"}, state=state, expect={"any": NOBODY}),
    ),
    "training:programme_session_create": (
        page(kwargs=a_programme, expect={"any": NOBODY}),
        page(kwargs=a_programme, method="post", data={"topic": "新课"}, state=state, expect={"any": NOBODY}),
    ),
    "training:programme_enrol": (
        page(kwargs=a_programme, expect={"any": ENROLLERS}),
        # No employee number: shown again to those who enrol, changing nothing.
        page(kwargs=a_programme, method="post", data={"name": "新员工"}, state=state, expect={"any": ENROLLERS}),
    ),
    "training:session_attendance": (
        page(kwargs=a_session, expect={"any": NOBODY}),
        page(kwargs=a_session, method="post", data={"present": []}, state=state, expect={"any": NOBODY}),
    ),
    "training:enrolment_assess": (
        page(kwargs=an_enrolment, expect={"any": NOBODY}),
        page(kwargs=an_enrolment, method="post", data={"score": "90", "passed": "on"}, state=state,
             expect={"any": NOBODY}),
    ),
    "training:enrolment_withdraw": (
        page(kwargs=an_enrolment, method="post", data={}, state=state,
             expect={"any": personas(404, anonymous=302, member_a=302, admin_a=302)}),
    ),
    "training-programme-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-programme-detail": (
        api(kwargs=a_programme, expect={"any": personas(200, anonymous=401, student=404, officer=404)}),
    ),
    "training-enrolment-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-enrolment-detail": (api(kwargs=an_enrolment, expect={"any": ENROLMENT_SCOPE | {"anonymous": 401}}),),
}

RULES["training:enrolment_issue"] = (
    page(kwargs=an_enrolment, method="post", data={}, state=state, expect={"any": NOBODY}),
)
