"""The teachers rules of the security matrix (see tests/matrix.py).

The teacher keeps their own records (a draft and a submitted record provided by enterprise A);
enterprise A's administrator and HR (admin_a, member_a) sign off or return what A provided once
it is submitted; the secretariat reads everything and sees the teacher overview (no persona is a
school administrator). Enterprise B's people, the student and the government officer find
nothing; API keys neither."""

from datetime import date

from training.models import DualTeacherApplication, TeacherTrainingEvidence, TeacherTrainingRecord
from tests.matrix import api, page, personas


def _record(w, status="submitted"):
    record = TeacherTrainingRecord.objects.filter(title=f"矩阵培训 {status}").first()
    if record is None:
        start = date(2024, 3, 1) if status == "submitted" else date(2024, 6, 1)
        record = TeacherTrainingRecord.objects.create(
            teacher=w.users["teacher"], school=w.orgs["school"], kind="practice", provider=w.orgs["org_a"],
            title=f"矩阵培训 {status}", starts_on=start, ends_on=start.replace(day=20), days=20, hours=160,
            content="矩阵", status=status)
    return record


def a_submitted_record(w, t):
    return {"pk": _record(w).pk}


def a_draft_record(w, t):
    return {"pk": _record(w, "draft").pk}


def an_evidence(w, t):
    record = _record(w)
    item = record.evidence.first()
    if item is None:
        item = TeacherTrainingEvidence(record=record, name="证明.pdf", content_type="application/pdf")
        from django.core.files.base import ContentFile
        item.file.save("proof.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
        item.save()
    return {"pk": item.pk}


def an_application(w, t):
    application = DualTeacherApplication.objects.filter(teacher=w.users["teacher"]).first()
    if application is None:
        application = DualTeacherApplication.objects.create(teacher=w.users["teacher"], school=w.orgs["school"],
                                                            level="junior", qualifications="矩阵")
    return {"pk": application.pk}


def records(w, t):
    return list(TeacherTrainingRecord.objects.values_list("pk", "status", "title", "return_reason", "days"))


def applications(w, t):
    return list(DualTeacherApplication.objects.values_list("pk", "status", "level", "reasons"))


TEACHER_ONLY = personas(404, anonymous=302, teacher=200)
SIGNERS = personas(404, anonymous=302, admin_a=200, member_a=200)
USERS = personas(404, anonymous=302, teacher=200, admin_a=200, member_a=200, admin_b=200, outsider=200,
                 secretariat=200)
API_READERS = personas(200, anonymous=401)

RULES = {
    # My training record: the teacher's page; providers are sent to their queue, the secretariat to the overview.
    "training:teacher_records": (page(expect={"any": personas(404, anonymous=302, teacher=200, admin_a=302,
                                                               member_a=302, admin_b=302, outsider=302,
                                                               secretariat=302)}),),
    "training:teacher_record_create": (
        page(expect={"any": TEACHER_ONLY}),
        page(method="post", data={"title": ""}, state=records, expect={"any": TEACHER_ONLY}),
    ),
    "training:teacher_queue": (page(expect={"any": personas(404, anonymous=302, admin_a=200, member_a=200,
                                                             admin_b=200, outsider=200)}),),
    "training:teacher_overview": (page(expect={"any": personas(404, anonymous=302, secretariat=200)}),),
    "training:teacher_record": (
        page(kwargs=a_submitted_record, expect={"any": personas(404, anonymous=302, teacher=200, admin_a=200,
                                                                member_a=200, secretariat=200)}),
        page(kwargs=a_draft_record, expect={"any": personas(404, anonymous=302, teacher=200, secretariat=200)}),
    ),
    "training:teacher_record_edit": (
        page(kwargs=a_draft_record, expect={"any": TEACHER_ONLY}),
        page(kwargs=a_submitted_record, expect={"any": personas(404, anonymous=302)}),
        page(kwargs=a_draft_record, method="post", data={"title": ""}, state=records, expect={"any": TEACHER_ONLY}),
    ),
    "training:teacher_record_submit": (
        page(kwargs=a_draft_record, expect={"any": TEACHER_ONLY}),
        page(kwargs=a_draft_record, method="post", data={}, state=records,
             expect={"any": personas(404, anonymous=302, teacher=302)}),
    ),
    "training:teacher_record_review": (
        page(kwargs=a_submitted_record, expect={"any": SIGNERS}),
        page(kwargs=a_draft_record, expect={"any": personas(404, anonymous=302)}),
        # Returning without a reason: the form is shown again, nothing changes.
        page(kwargs=a_submitted_record, method="post", data={"decision": "return", "reason": ""}, state=records,
             expect={"any": SIGNERS}),
    ),
    "training:teacher_evidence": (
        page(kwargs=an_evidence, expect={"any": personas(404, anonymous=302, teacher=200, admin_a=200,
                                                         member_a=200, secretariat=200)}),
    ),
    "training:dual_applications": (page(expect={"any": USERS}),),
    "training:dual_apply": (
        page(expect={"any": TEACHER_ONLY}),
        page(method="post", data={"level": "junior"}, state=applications, expect={"any": TEACHER_ONLY}),
    ),
    "training:dual_application": (
        page(kwargs=an_application, expect={"any": personas(404, anonymous=302, teacher=200, secretariat=200)}),
        # Only a school's administrators decide (none here): a decision is refused to everyone.
        page(kwargs=an_application, method="post", data={"decision": "approve", "level": "junior", "reasons": "好"},
             state=applications, expect={"any": personas(404, anonymous=302)}),
    ),
    "training-teacher-record-list": (api(expect={"any": API_READERS}),),
    "training-teacher-record-detail": (
        api(kwargs=a_submitted_record, expect={"any": personas(404, anonymous=401, teacher=200, admin_a=200,
                                                               member_a=200, secretariat=200)}),
    ),
    "training-teacher-overview-list": (api(expect={"any": API_READERS}),),
    "training-dual-application-list": (api(expect={"any": API_READERS}),),
    "training-dual-application-detail": (
        api(kwargs=an_application, expect={"any": personas(404, anonymous=401, teacher=200, secretariat=200)}),
    ),
}
