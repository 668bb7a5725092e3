"""The teachers pages the accessibility test opens, from the demo data: demo login -> [(label, address)]."""

from django.urls import reverse


def pages() -> dict[str, list[tuple[str, str]]]:
    from training.models import DualTeacherApplication, TeacherTrainingRecord, TrainingRecordStatus

    found = {
        "teacher": [("teacher records", reverse("training:teacher_records")),
                    ("teacher record new", reverse("training:teacher_record_create")),
                    ("teacher dual apply", reverse("training:dual_apply"))],
        "hr": [("teacher queue", reverse("training:teacher_queue"))],
        "school_admin": [("teacher overview", reverse("training:teacher_overview")),
                         ("teacher dual applications", reverse("training:dual_applications"))],
        "secretariat": [("teacher overview all", reverse("training:teacher_overview") + "?colour=yellow")],
    }
    waiting = TeacherTrainingRecord.objects.filter(teacher__username="teacher",
                                                   status=TrainingRecordStatus.SUBMITTED).first()
    if waiting is not None:
        found["teacher"].append(("teacher record", reverse("training:teacher_record", args=[waiting.pk])))
        found["hr"].append(("teacher record review", reverse("training:teacher_record_review", args=[waiting.pk])))
    application = DualTeacherApplication.objects.filter(teacher__username="teacher").first()
    if application is not None:
        found["school_admin"].append(("teacher dual application",
                                      reverse("training:dual_application", args=[application.pk])))
    return found
