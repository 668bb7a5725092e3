"""Employee training figures for the reports: non-degree training (非学历培训) per school and year —
the hours of training given (each session's hours times the employees present) and the income
(each programme's fee times the employees enrolled, withdrawals left out)."""

from django.db.models import Count, DecimalField, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from training.models import EmployeeEnrolment, EnrolmentStatus, SessionAttendance, TrainingProgramme


def _per_programme(queryset):
    hours = (SessionAttendance.objects.filter(session__programme=OuterRef("pk"))
             .exclude(enrolment__status=EnrolmentStatus.WITHDRAWN)
             .order_by().values("session__programme").annotate(total=Sum("session__hours")).values("total"))
    people = (EmployeeEnrolment.objects.filter(programme=OuterRef("pk")).exclude(status=EnrolmentStatus.WITHDRAWN)
              .order_by().values("programme").annotate(n=Count("pk")).values("n"))
    return queryset.annotate(
        year=ExtractYear("starts_on"),
        given_hours=Coalesce(Subquery(hours, output_field=IntegerField()), Value(0)),
        people=Coalesce(Subquery(people, output_field=IntegerField()), Value(0)),
    )


def training_report(*, school_ids: set[int] | None = None, year: int | None = None) -> list[dict]:
    """One row per school and year (newest first, then by school): ``school_id``, ``school``,
    ``year``, ``programmes``, ``people`` (enrolled), ``hours`` (attended hours × people),
    ``income`` (yuan). One query; ``school_ids`` None means every school."""
    programmes = TrainingProgramme.objects.all()
    if school_ids is not None:
        programmes = programmes.filter(school_id__in=school_ids)
    if year:
        programmes = programmes.filter(starts_on__year=year)
    rows = (_per_programme(programmes)
            .values("school_id", "school__name_zh", "year")
            .annotate(programmes=Count("pk"), people_total=Sum("people"), hours=Sum("given_hours"),
                      income=Sum(F("fee") * F("people"), output_field=DecimalField(max_digits=14, decimal_places=2)))
            .order_by("-year", "school__name_zh"))
    return [{"school_id": r["school_id"], "school": r["school__name_zh"], "year": r["year"],
             "programmes": r["programmes"], "people": r["people_total"] or 0, "hours": r["hours"] or 0,
             "income": r["income"] or 0} for r in rows]
