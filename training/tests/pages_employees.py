"""The employees pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import EmployeeEnrolment, EnrolmentStatus, TrainingProgramme

    found = {
        "school_admin": [("employee programmes", reverse("training:programmes")),
                         ("employee programme new", reverse("training:programme_create")),
                         ("employee training report", reverse("training:employee_training_report"))],
        "secretariat": [("employee training report", reverse("training:employee_training_report")),
                        ("employee enrolments", reverse("training:enrolments") + "?status=completed")],
        "hr": [("employee programmes", reverse("training:programmes") + "?kind=pre_job"),
               ("employee enrolments", reverse("training:enrolments"))],
    }
    programme = TrainingProgramme.objects.filter(school__memberships__user__username="school_admin",
                                                 status="open").order_by("-starts_on", "pk").first()
    if programme is not None:
        found["school_admin"] += [
            ("employee programme", reverse("training:programme", args=[programme.pk])),
            ("employee programme edit", reverse("training:programme_edit", args=[programme.pk])),
            ("employee session new", reverse("training:programme_session_create", args=[programme.pk]))]
        session = programme.sessions.order_by("date").first()
        if session is not None:
            found["school_admin"].append(("employee attendance",
                                          reverse("training:session_attendance", args=[session.pk])))
        enrolment = programme.enrolments.filter(status=EnrolmentStatus.ENROLLED).order_by("pk").first()
        if enrolment is not None:
            found["school_admin"].append(("employee assess", reverse("training:enrolment_assess", args=[enrolment.pk])))
        found["hr"] += [("employee programme", reverse("training:programme", args=[programme.pk])),
                        ("employee enrol", reverse("training:programme_enrol", args=[programme.pk]))]
    if EmployeeEnrolment.objects.filter(account__username="hr").exists():
        found["hr"].append(("employee enrolments mine", reverse("training:enrolments") + "?q=HY"))
    return found
