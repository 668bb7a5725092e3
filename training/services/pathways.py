"""Through-training pathways: a secondary school's administrator (or the secretariat) creates a
pathway with its stages, the other schools confirm, the first school enrols its students, each
stage's school records the transfer assessment (转段考核) and a student who passed moves on.

The pass rule is ``assess``, a pure function: the weighted total of the component scores must
reach the stage's ``pass_total`` and every component must reach its own minimum. Every write is
keyword-only, one transaction, permission checked inside, audited."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from members.models import Membership, Organization, OrganizationStatus, Role, User
from reference.models import EducationLevel, Major
from training.access import pathways as access
from training.models import (
    PATHWAY_KIND_LEVELS, PATHWAY_LEVEL_SCHOOL_KINDS, ComponentScore, Course, PathwayEnrolmentStatus, Pathway,
    PathwayEnrolment, PathwayStage, PathwayStageCourse, PathwayStatus, StageResult, TransferComponent,
)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# The transfer assessment a new pathway starts from (the first school adjusts it before the others confirm).
DEFAULT_COMPONENTS = (("文化素质", 30, Decimal(60)), ("专业技能", 50, Decimal(60)), ("综合素质", 20, Decimal(60)))
DEFAULT_PASS_TOTAL = Decimal(60)
MAX_COMPONENTS = 6


@dataclass(frozen=True)
class Outcome:
    total: Decimal  # the weighted total, 0–100, to two decimals
    passed: bool
    below: tuple[int, ...]  # the positions (0-based) of the components under their minimum


def assess(components: Sequence[tuple[int, Decimal]], scores: Sequence[Decimal], pass_total: Decimal) -> Outcome:
    """The pass rule of a transfer assessment. ``components`` are (weight, minimum) pairs whose
    weights sum to 100, ``scores`` one score (0–100) per component: passed when the weighted total
    reaches ``pass_total`` and every score reaches its minimum."""
    if len(components) != len(scores):
        raise ValueError("one score per component")
    weighted = sum((Decimal(score) * weight for (weight, _minimum), score in zip(components, scores)), Decimal(0))
    total = (weighted / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
    below = tuple(n for n, ((_weight, minimum), score) in enumerate(zip(components, scores))
                  if Decimal(score) < Decimal(minimum))
    return Outcome(total=total, passed=total >= Decimal(pass_total) and not below, below=below)


def check_assessment(components: Sequence[tuple[str, int, Decimal]], pass_total) -> dict:
    """The errors of a transfer assessment (by field), empty when it is sound."""
    errors = {}
    if pass_total is None or not 0 <= Decimal(pass_total) <= 100:
        errors["pass_total"] = [_("Give the weighted total needed, from 0 to 100.")]
    problems = []
    if not components:
        problems.append(_("Give at least one component of the assessment."))
    if len(components) > MAX_COMPONENTS:
        problems.append(_("Give at most %(count)d components.") % {"count": MAX_COMPONENTS})
    names = [(name or "").strip() for name, _weight, _mark in components]
    if any(not name for name in names):
        problems.append(_("Give every component a name."))
    if len(set(names)) != len(names):
        problems.append(_("Give each component a different name."))
    if any(weight is None or not 1 <= weight <= 100 for _name, weight, _mark in components):
        problems.append(_("Give every component a weight from 1 to 100."))
    elif components and sum(weight for _name, weight, _mark in components) != 100:
        problems.append(_("The weights add up to %(sum)d; they must add up to 100.")
                        % {"sum": sum(weight for _name, weight, _mark in components)})
    if any(mark is None or not 0 <= Decimal(mark) <= 100 for _name, _weight, mark in components):
        problems.append(_("Give every component a minimum score from 0 to 100."))
    if problems:
        errors["components"] = problems
    return errors


def _check_stages(kind: str, stages: Sequence[dict]) -> dict:
    errors = {}
    levels = PATHWAY_KIND_LEVELS.get(kind)
    if levels is None:
        return {"kind": [_("Choose the kind of pathway.")]}
    if len(stages) != len(levels):
        errors["kind"] = [_("A pathway of this kind has %(count)d stages.") % {"count": len(levels)}]
    for order, (level, stage) in enumerate(zip(levels, stages), start=1):
        school, major, years = stage.get("school"), stage.get("major"), stage.get("years")
        label = EducationLevel(level).label
        if school is None or school.status != OrganizationStatus.ACTIVE:
            errors[f"stage{order}_school"] = [_("Choose an active member school.")]
        elif school.kind not in PATHWAY_LEVEL_SCHOOL_KINDS[level]:
            errors[f"stage{order}_school"] = [
                _("Stage %(order)d is %(level)s: choose a school of that kind, not a %(kind)s.")
                % {"order": order, "level": label, "kind": school.get_kind_display()}]
        if major is None or major.level != Major.Level.MAJOR:
            errors[f"stage{order}_major"] = [_("Choose a major of the catalogue.")]
        elif major.education_level != level:
            errors[f"stage{order}_major"] = [
                _("Stage %(order)d is %(level)s: choose a major of that level (%(code)s is not).")
                % {"order": order, "level": label, "code": major.code}]
        if years is None or not 1 <= years <= 5:
            errors[f"stage{order}_years"] = [_("Give the years of the stage, from 1 to 5.")]
    schools = [stage.get("school") for stage in stages if stage.get("school") is not None]
    if len({school.pk for school in schools}) != len(schools):
        errors.setdefault("stage2_school", []).append(_("Each stage is taught by a different school."))
    return errors


def _activate_if_confirmed(pathway: Pathway, actor: User) -> None:
    if pathway.stages.filter(confirmed_at__isnull=True).exists():
        return
    pathway.status, pathway.activated_at = PathwayStatus.ACTIVE, timezone.now()
    pathway.save(update_fields=["status", "activated_at"])
    record_event("pathway.activated", instance=pathway, actor=actor, details={"title": pathway.title})


@transaction.atomic
def pathway_create(*, actor: User, title: str, kind: str, stages: Sequence[dict], description: str = "") -> Pathway:
    """``stages``: one dict (school, major, years) per stage, in order. The transfer assessments
    start from ``DEFAULT_COMPONENTS``; the stages of the schools the creator administers are
    confirmed at once."""
    if not access.can_create_pathway(actor):
        raise PermissionDenied
    errors = _check_stages(kind, stages)
    if not (title or "").strip():
        errors["title"] = [_("Give the pathway a title.")]
    first = stages[0].get("school") if stages else None
    if first is not None and not access.base.is_secretariat(actor) and first.pk not in access.admin_school_ids(actor):
        errors.setdefault("stage1_school", []).append(
            _("You create pathways whose first stage is taught by your own school."))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    pathway = Pathway.objects.create(title=title.strip(), kind=kind, description=(description or "").strip(),
                                     lead_school=first, created_by=actor)
    mine = access.admin_school_ids(actor)
    last = len(stages)
    for order, stage in enumerate(stages, start=1):
        confirmed = stage["school"].pk in mine
        row = PathwayStage.objects.create(
            pathway=pathway, order=order, school=stage["school"], major=stage["major"], years=stage["years"],
            pass_total=DEFAULT_PASS_TOTAL if order < last else None,
            confirmed_at=now if confirmed else None, confirmed_by=actor if confirmed else None)
        if order < last:
            for position, (name, weight, mark) in enumerate(DEFAULT_COMPONENTS, start=1):
                TransferComponent.objects.create(stage=row, position=position, name=name, weight=weight,
                                                 pass_mark=mark)
    record_event("pathway.created", instance=pathway, actor=actor,
                 details={"kind": kind, "schools": ", ".join(stage["school"].name_zh for stage in stages)})
    _activate_if_confirmed(pathway, actor)
    return pathway


@transaction.atomic
def pathway_stage_update(*, stage: PathwayStage, actor: User, components: Sequence[tuple[str, int, Decimal]] = (),
                         pass_total=None, courses: Sequence[Course] = (), course_names: Sequence[str] = ()
                         ) -> PathwayStage:
    """A stage's courses and, unless it is the last, its transfer assessment. The other schools'
    confirmations are withdrawn: they confirm what they agree to."""
    stage = PathwayStage.objects.select_for_update().select_related("pathway").get(pk=stage.pk)
    if not access.can_edit_stage(actor, stage):
        raise PermissionDenied
    last = not PathwayStage.objects.filter(pathway=stage.pathway_id, order__gt=stage.order).exists()
    errors = {} if last else check_assessment(components, pass_total)
    wrong = [course for course in courses if course.school_id != stage.school_id]
    if wrong:
        errors["courses"] = [_("Choose courses of the stage's school.")]
    names = [name.strip() for name in course_names if name.strip()]
    if any(len(name) > 200 for name in names):
        errors["course_names"] = [_("Keep each course name under 200 characters.")]
    if errors:
        raise ValidationError(errors)
    stage.courses.all().delete()
    rows = [{"course": course, "name": ""} for course in courses] + [{"course": None, "name": n} for n in names]
    for position, row in enumerate(rows, start=1):
        PathwayStageCourse.objects.create(stage=stage, position=position, **row)
    if not last:
        stage.components.all().delete()
        for position, (name, weight, mark) in enumerate(components, start=1):
            TransferComponent.objects.create(stage=stage, position=position, name=name.strip(), weight=weight,
                                             pass_mark=mark)
        stage.pass_total = pass_total
        stage.save(update_fields=["pass_total"])
    mine = access.admin_school_ids(actor)
    withdrawn = PathwayStage.objects.filter(pathway=stage.pathway_id, confirmed_at__isnull=False).exclude(
        school_id__in=mine).update(confirmed_at=None, confirmed_by=None)
    record_event("pathway.stage_changed", instance=stage, actor=actor,
                 details={"stage": stage.order, "confirmations_withdrawn": withdrawn})
    _activate_if_confirmed(stage.pathway, actor)
    return stage


@transaction.atomic
def pathway_confirm(*, pathway: Pathway, actor: User) -> Pathway:
    """The administrator of a stage's school agrees to the pathway; the last confirmation makes it active."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    stages = access.confirmable_stages(actor, pathway)
    if not stages:
        raise PermissionDenied
    now = timezone.now()
    for stage in stages:
        stage.confirmed_at, stage.confirmed_by = now, actor
        stage.save(update_fields=["confirmed_at", "confirmed_by"])
        record_event("pathway.confirmed", instance=stage, actor=actor,
                     details={"stage": stage.order, "school": stage.school.name_zh})
    _activate_if_confirmed(pathway, actor)
    return pathway


def enrollable_students(pathway: Pathway):
    """The students of the first stage's school not in an active pathway."""
    busy = PathwayEnrolment.objects.filter(status=PathwayEnrolmentStatus.ACTIVE).values("student_id")
    members = Membership.objects.active().filter(organization_id=pathway.lead_school_id, role=Role.STUDENT)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).exclude(pk__in=busy)


@transaction.atomic
def enrolment_create(*, pathway: Pathway, actor: User, students: Sequence[User], cohort_year: int
                     ) -> list[PathwayEnrolment]:
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not access.can_enrol(actor, pathway):
        raise PermissionDenied
    errors = {}
    if cohort_year is None or not 2000 <= cohort_year <= 2100:
        errors["cohort_year"] = [_("Give a year from 2000 to 2100.")]
    if not students:
        errors["students"] = [_("Choose at least one student.")]
    allowed = set(enrollable_students(pathway).filter(pk__in=[s.pk for s in students]).values_list("pk", flat=True))
    refused = [s for s in students if s.pk not in allowed]
    if refused:
        errors["students"] = [
            _("%(names)s cannot be enrolled: a pathway takes students of its first school who are in no other "
              "active pathway.") % {"names": "、".join(s.full_name or s.username for s in refused)}]
    if errors:
        raise ValidationError(errors)
    first = pathway.stages.get(order=1)
    made = []
    for student in students:
        try:
            with transaction.atomic():
                enrolment = PathwayEnrolment.objects.create(pathway=pathway, student=student, cohort_year=cohort_year,
                                                            stage=first, enrolled_by=actor)
        except IntegrityError:  # enrolled elsewhere at the same moment
            raise ValidationError({"students": [
                _("%(name)s is already in an active pathway.") % {"name": student.full_name or student.username}]}
            ) from None
        record_event("pathway.enrolled", instance=enrolment, actor=actor,
                     details={"pathway": pathway.title, "year": cohort_year})
        made.append(enrolment)
    return made


def next_stage(enrolment: PathwayEnrolment) -> PathwayStage | None:
    return PathwayStage.objects.filter(pathway=enrolment.pathway_id, order=enrolment.stage.order + 1).first()


@transaction.atomic
def result_record(*, enrolment: PathwayEnrolment, actor: User, scores: dict) -> StageResult:
    """The current stage's transfer assessment of a student: one score (0–100) per component, by
    component id; the total and pass come from ``assess``. Recorded again (补考), it is replaced
    — until the student has transferred."""
    enrolment = PathwayEnrolment.objects.select_for_update().select_related("stage", "pathway").get(pk=enrolment.pk)
    if not access.can_record_result(actor, enrolment, next_stage(enrolment)):
        raise PermissionDenied
    components = list(enrolment.stage.components.order_by("position"))
    errors = {}
    for component in components:
        score = scores.get(component.pk)
        if score is None or not 0 <= Decimal(score) <= 100:
            errors[f"score_{component.pk}"] = [_("Give a score from 0 to 100.")]
    if not components:
        errors["__all__"] = [_("The stage has no transfer assessment.")]
    if errors:
        raise ValidationError(errors)
    values = [Decimal(scores[c.pk]) for c in components]
    outcome = assess([(c.weight, c.pass_mark) for c in components], values, enrolment.stage.pass_total)
    result, _created = StageResult.objects.select_for_update().get_or_create(
        enrolment=enrolment, stage=enrolment.stage,
        defaults={"total": outcome.total, "passed": outcome.passed, "recorded_by": actor,
                  "recorded_at": timezone.now()})
    if result.transferred_at is not None:
        raise ValidationError(_("The student has already moved on from this stage."))
    result.total, result.passed, result.recorded_by, result.recorded_at = (
        outcome.total, outcome.passed, actor, timezone.now())
    result.save()
    result.scores.all().delete()
    for component, value in zip(components, values):
        ComponentScore.objects.create(result=result, component=component, score=value)
    record_event("pathway.result_recorded", instance=result, actor=actor,
                 details={"stage": enrolment.stage.order, "total": str(outcome.total), "passed": outcome.passed})
    return result


@transaction.atomic
def enrolment_transfer(*, enrolment: PathwayEnrolment, actor: User) -> PathwayEnrolment:
    """A student who passed the transfer assessment moves to the next stage (转段)."""
    enrolment = PathwayEnrolment.objects.select_for_update().select_related("stage", "pathway").get(pk=enrolment.pk)
    target = next_stage(enrolment)
    if not access.can_transfer(actor, enrolment, target):
        raise PermissionDenied
    result = StageResult.objects.select_for_update().filter(enrolment=enrolment, stage=enrolment.stage).first()
    if result is None or not result.passed:
        raise ValidationError(_("Only a student who passed the transfer assessment moves to the next stage."))
    before = enrolment.stage
    result.transferred_at = timezone.now()
    result.save(update_fields=["transferred_at"])
    enrolment.stage = target
    enrolment.save(update_fields=["stage"])
    record_event("pathway.transferred", instance=enrolment, actor=actor,
                 details={"from": before.school.name_zh, "to": target.school.name_zh, "total": str(result.total)})
    return enrolment


def schools_for_stage(level: int):
    return Organization.objects.filter(status=OrganizationStatus.ACTIVE,
                                       kind__in=PATHWAY_LEVEL_SCHOOL_KINDS[level]).order_by("name_zh")


__all__ = [
    "Outcome", "assess", "check_assessment", "pathway_create", "pathway_stage_update", "pathway_confirm",
    "enrollable_students", "enrolment_create", "result_record", "enrolment_transfer", "next_stage",
    "schools_for_stage",
]
