"""The five-year practice figures, computed by the database: a teacher's own, and the overview of
a school's teachers in ONE aggregate query (each row: the practice days in the window, the days
still in it a year from now, the indicator colour and whether the teacher is certified 双师型)."""

from django.db.models import Case, CharField, Exists, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import User
from training.access import teachers as access
from training.models import (
    DualStatus, DualTeacherApplication, PRACTICE_DAYS_REQUIRED, PracticeColour, TrainingKind, TrainingRecordStatus,
    practice_colour, practice_window,
)


def _days(prefix: str, since):
    counted = Q(**{f"{prefix}kind": TrainingKind.PRACTICE, f"{prefix}status": TrainingRecordStatus.SIGNED_OFF,
                   f"{prefix}ends_on__gte": since})
    return Coalesce(Sum(f"{prefix}days", filter=counted), 0, output_field=IntegerField())


def teacher_practice(teacher, *, today=None) -> dict:
    """``days``, ``lasting_days``, ``required``, ``colour``, ``missing`` of one teacher."""
    start, lasting = practice_window(today or timezone.localdate())
    figures = teacher.training_records.aggregate(total=_days("", start), lasting=_days("", lasting))
    return _figures(figures["total"], figures["lasting"])


def _figures(days: int, lasting: int) -> dict:
    return {"days": days, "lasting_days": lasting, "required": PRACTICE_DAYS_REQUIRED,
            "colour": practice_colour(days, lasting), "missing": max(PRACTICE_DAYS_REQUIRED - days, 0),
            "percent": min(100, days * 100 // PRACTICE_DAYS_REQUIRED)}


def certified(school_ids=None):
    approved = DualTeacherApplication.objects.filter(teacher_id=OuterRef("pk"), status=DualStatus.APPROVED)
    if school_ids is not None:
        approved = approved.filter(school_id__in=school_ids)
    return Exists(approved)


def overview(school_ids, *, today=None):
    """The teachers of these schools (None: all) with their practice figures, one aggregate query."""
    start, lasting = practice_window(today or timezone.localdate())
    half = (PRACTICE_DAYS_REQUIRED + 1) // 2
    return (User.objects.filter(pk__in=access.teacher_ids_of(school_ids))
            .annotate(days=_days("training_records__", start), lasting_days=_days("training_records__", lasting))
            .annotate(colour=Case(
                When(days__gte=PRACTICE_DAYS_REQUIRED, lasting_days__gte=PRACTICE_DAYS_REQUIRED,
                     then=Value(PracticeColour.GREEN)),
                When(days__gte=half, then=Value(PracticeColour.YELLOW)),
                default=Value(PracticeColour.RED), output_field=CharField()),
                      is_certified=certified(school_ids)))


def overview_summary(school_ids, *, today=None) -> dict:
    """Teachers, those certified 双师型 and their share, and the teachers of each colour: one query
    (the per-teacher aggregate, read as two columns)."""
    by_colour = {colour: 0 for colour in PracticeColour.values}
    dual = 0
    for colour, is_certified in overview(school_ids, today=today).values_list("colour", "is_certified"):
        by_colour[colour] += 1
        dual += bool(is_certified)
    teachers = sum(by_colour.values())
    return {"teachers": teachers, "dual": dual, "share": round(dual * 100 / teachers) if teachers else 0,
            "colours": by_colour}
