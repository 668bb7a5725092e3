"""Through-training pathways (中高本贯通, 分段培养): a pathway joins a 中职 major of a secondary
vocational school, a 高职 major of a higher vocational school (or, for 3+4, a 职教本科 major) and,
where there is one, a 职教本科 major of a vocational bachelor school — each a STAGE with its school,
major, years and courses. Between consecutive stages stands the transfer assessment (转段考核): the
components of the earlier stage (文化素质, 专业技能, 综合素质 …) with their weights (summing to 100)
and pass marks, and the weighted total a student needs. The schools of the later stages confirm
the pathway; it is active when every stage is confirmed.

A student of the first stage's school is enrolled (in at most one active pathway), their results
recorded stage by stage, and a passed student transfers to the next stage."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reference.models import EducationLevel

__all__ = [
    "PathwayKind", "PathwayStatus", "Pathway", "PathwayStage", "PathwayStageCourse", "TransferComponent",
    "PathwayEnrolment", "PathwayEnrolmentStatus", "StageResult", "ComponentScore", "PATHWAY_KIND_LEVELS",
    "PATHWAY_KIND_YEARS", "PATHWAY_LEVEL_SCHOOL_KINDS", "PATHWAY_GUARD_SQL", "PATHWAY_GUARD_REVERSE_SQL",
]


class PathwayKind(models.TextChoices):
    SECONDARY_HIGHER = "3_2", _("3+2 secondary to higher vocational (中高职衔接)")
    FIVE_YEAR = "5_year", _("Five-year integrated (五年一贯制)")
    SECONDARY_BACHELOR = "3_4", _("3+4 secondary to bachelor (中本贯通)")
    THROUGH = "3_2_2", _("3+2+2 secondary, higher and bachelor (中高本贯通)")


# The education level of each stage, in order, by kind of pathway.
PATHWAY_KIND_LEVELS = {
    PathwayKind.SECONDARY_HIGHER: (EducationLevel.SECONDARY, EducationLevel.HIGHER),
    PathwayKind.FIVE_YEAR: (EducationLevel.SECONDARY, EducationLevel.HIGHER),
    PathwayKind.SECONDARY_BACHELOR: (EducationLevel.SECONDARY, EducationLevel.BACHELOR),
    PathwayKind.THROUGH: (EducationLevel.SECONDARY, EducationLevel.HIGHER, EducationLevel.BACHELOR),
}
# The usual years of each stage, by kind (a suggestion on the form).
PATHWAY_KIND_YEARS = {
    PathwayKind.SECONDARY_HIGHER: (3, 2),
    PathwayKind.FIVE_YEAR: (3, 2),
    PathwayKind.SECONDARY_BACHELOR: (3, 4),
    PathwayKind.THROUGH: (3, 2, 2),
}
# The kinds of school that may teach a stage of each level.
PATHWAY_LEVEL_SCHOOL_KINDS = {
    EducationLevel.SECONDARY: ("secondary_vocational",),
    EducationLevel.HIGHER: ("higher_vocational",),
    EducationLevel.BACHELOR: ("vocational_bachelor", "university"),
}


class PathwayStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    ACTIVE = "active", _("Active")


class Pathway(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of pathway"), max_length=10, choices=PathwayKind.choices)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    lead_school = models.ForeignKey("members.Organization", verbose_name=_("first-stage school"),
                                    on_delete=models.PROTECT, related_name="training_led_pathways")
    status = models.CharField(_("status"), max_length=10, choices=PathwayStatus.choices,
                              default=PathwayStatus.PENDING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("through-training pathway")
        verbose_name_plural = _("through-training pathways")
        constraints = [
            models.CheckConstraint(condition=Q(status="pending") | Q(activated_at__isnull=False),
                                   name="training_active_pathway_has_date"),
        ]

    def __str__(self):
        return self.title


class PathwayStage(models.Model):
    """One stage of a pathway; ``pass_total`` and the components are the transfer assessment at
    its end (none for the last stage)."""

    pathway = models.ForeignKey(Pathway, verbose_name=_("pathway"), on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("stage"))
    school = models.ForeignKey("members.Organization", verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="training_pathway_stages")
    major = models.ForeignKey("reference.Major", verbose_name=_("major"), on_delete=models.PROTECT,
                              related_name="training_pathway_stages")
    years = models.PositiveSmallIntegerField(_("years"))
    pass_total = models.DecimalField(_("weighted total needed"), max_digits=5, decimal_places=1, null=True,
                                     blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["pathway", "order"]
        verbose_name = _("pathway stage")
        verbose_name_plural = _("pathway stages")
        constraints = [
            models.UniqueConstraint(fields=["pathway", "order"], name="training_pathway_stage_order_once"),
            models.UniqueConstraint(fields=["pathway", "school"], name="training_pathway_stage_school_once"),
            models.CheckConstraint(condition=Q(order__gte=1, order__lte=3), name="training_pathway_stage_order"),
            models.CheckConstraint(condition=Q(years__gte=1, years__lte=5), name="training_pathway_stage_years"),
            models.CheckConstraint(condition=Q(pass_total__isnull=True) | Q(pass_total__gte=0, pass_total__lte=100),
                                   name="training_pathway_stage_pass_total"),
        ]

    def __str__(self):
        return f"{self.order}. {self.school} · {self.major}"


class PathwayStageCourse(models.Model):
    """A course of a stage: a co-developed course of the school, or only its name."""

    stage = models.ForeignKey(PathwayStage, verbose_name=_("pathway stage"), on_delete=models.CASCADE,
                              related_name="courses")
    position = models.PositiveSmallIntegerField(_("order"))
    course = models.ForeignKey("training.Course", verbose_name=_("co-developed course"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="pathway_stages")
    name = models.CharField(_("course name"), max_length=200, blank=True)

    class Meta:
        ordering = ["stage", "position"]
        verbose_name = _("course of a pathway stage")
        verbose_name_plural = _("courses of pathway stages")
        constraints = [
            models.UniqueConstraint(fields=["stage", "position"], name="training_pathway_course_position_once"),
            models.CheckConstraint(condition=Q(course__isnull=False) | ~Q(name=""),
                                   name="training_pathway_course_named"),
        ]

    def __str__(self):
        return self.name or str(self.course)


class TransferComponent(models.Model):
    """A component of the transfer assessment at the end of a stage (转段考核)."""

    stage = models.ForeignKey(PathwayStage, verbose_name=_("pathway stage"), on_delete=models.CASCADE,
                              related_name="components")
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("component"), max_length=50)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    pass_mark = models.DecimalField(_("minimum score"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["stage", "position"]
        verbose_name = _("transfer assessment component")
        verbose_name_plural = _("transfer assessment components")
        constraints = [
            models.UniqueConstraint(fields=["stage", "position"], name="training_transfer_component_position_once"),
            models.UniqueConstraint(fields=["stage", "name"], name="training_transfer_component_name_once"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="training_transfer_component_weight"),
            models.CheckConstraint(condition=Q(pass_mark__gte=0, pass_mark__lte=100),
                                   name="training_transfer_component_pass_mark"),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


class PathwayEnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PathwayEnrolment(models.Model):
    pathway = models.ForeignKey(Pathway, verbose_name=_("pathway"), on_delete=models.PROTECT,
                                related_name="enrolments")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("student"), on_delete=models.PROTECT,
                                related_name="training_pathway_enrolments")
    cohort_year = models.PositiveSmallIntegerField(_("year of enrolment"))
    stage = models.ForeignKey(PathwayStage, verbose_name=_("current stage"), on_delete=models.PROTECT,
                              related_name="enrolments")
    status = models.CharField(_("status"), max_length=10, choices=PathwayEnrolmentStatus.choices,
                              default=PathwayEnrolmentStatus.ACTIVE)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("enrolled by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    enrolled_at = models.DateTimeField(_("enrolled on"), auto_now_add=True)

    class Meta:
        ordering = ["pathway", "-cohort_year", "student_id"]
        verbose_name = _("pathway enrolment")
        verbose_name_plural = _("pathway enrolments")
        constraints = [
            models.UniqueConstraint(fields=["student"], condition=Q(status="active"),
                                    name="training_one_active_pathway_per_student"),
            models.CheckConstraint(condition=Q(cohort_year__gte=2000, cohort_year__lte=2100),
                                   name="training_pathway_enrolment_year"),
        ]

    def __str__(self):
        return f"{self.student} · {self.pathway}"


class StageResult(models.Model):
    """A student's transfer assessment at the end of a stage: the weighted total and whether they
    passed, computed from the component scores by ``services.pathways.assess``."""

    enrolment = models.ForeignKey(PathwayEnrolment, verbose_name=_("pathway enrolment"), on_delete=models.CASCADE,
                                  related_name="results")
    stage = models.ForeignKey(PathwayStage, verbose_name=_("pathway stage"), on_delete=models.PROTECT,
                              related_name="results")
    total = models.DecimalField(_("weighted total"), max_digits=5, decimal_places=2)
    passed = models.BooleanField(_("passed the assessment"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))
    transferred_at = models.DateTimeField(_("transferred"), null=True, blank=True)

    class Meta:
        ordering = ["enrolment", "stage__order"]
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "stage"], name="training_stage_result_once"),
            models.CheckConstraint(condition=Q(total__gte=0, total__lte=100), name="training_stage_result_total"),
            models.CheckConstraint(condition=Q(transferred_at__isnull=True) | Q(passed=True),
                                   name="training_stage_result_only_passed_transfer"),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.stage.order}"


class ComponentScore(models.Model):
    result = models.ForeignKey(StageResult, verbose_name=_("stage result"), on_delete=models.CASCADE,
                               related_name="scores")
    component = models.ForeignKey(TransferComponent, verbose_name=_("component"), on_delete=models.PROTECT,
                                  related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["result", "component__position"]
        verbose_name = _("component score")
        verbose_name_plural = _("component scores")
        constraints = [
            models.UniqueConstraint(fields=["result", "component"], name="training_component_score_once"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="training_component_score_range"),
        ]

    def __str__(self):
        return f"{self.component.name}: {self.score}"


# What PostgreSQL itself keeps (applied by migration 0003_pathways_guards; SQLite, the demo's database,
# relies on the services): an enrolment's current stage, a result's stage and a score's component
# belong to the same pathway.
PATHWAY_GUARD_SQL = """
CREATE OR REPLACE FUNCTION training_pathway_same_pathway() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'training_pathwayenrolment' THEN
        IF NOT EXISTS (SELECT 1 FROM training_pathwaystage s WHERE s.id = NEW.stage_id AND s.pathway_id = NEW.pathway_id)
        THEN RAISE EXCEPTION 'an enrolment''s stage belongs to its pathway' USING ERRCODE = 'check_violation';
        END IF;
    ELSIF TG_TABLE_NAME = 'training_stageresult' THEN
        IF NOT EXISTS (SELECT 1 FROM training_pathwaystage s JOIN training_pathwayenrolment e
                       ON e.pathway_id = s.pathway_id WHERE s.id = NEW.stage_id AND e.id = NEW.enrolment_id)
        THEN RAISE EXCEPTION 'a result''s stage belongs to the enrolment''s pathway' USING ERRCODE = 'check_violation';
        END IF;
    ELSIF TG_TABLE_NAME = 'training_componentscore' THEN
        IF NOT EXISTS (SELECT 1 FROM training_transfercomponent c JOIN training_stageresult r
                       ON r.stage_id = c.stage_id WHERE c.id = NEW.component_id AND r.id = NEW.result_id)
        THEN RAISE EXCEPTION 'a score''s component belongs to the result''s stage' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER training_pathway_enrolment_same_pathway BEFORE INSERT OR UPDATE ON training_pathwayenrolment
    FOR EACH ROW EXECUTE FUNCTION training_pathway_same_pathway();
CREATE TRIGGER training_stage_result_same_pathway BEFORE INSERT OR UPDATE ON training_stageresult
    FOR EACH ROW EXECUTE FUNCTION training_pathway_same_pathway();
CREATE TRIGGER training_component_score_same_stage BEFORE INSERT OR UPDATE ON training_componentscore
    FOR EACH ROW EXECUTE FUNCTION training_pathway_same_pathway();
"""
PATHWAY_GUARD_REVERSE_SQL = """
DROP TRIGGER IF EXISTS training_pathway_enrolment_same_pathway ON training_pathwayenrolment;
DROP TRIGGER IF EXISTS training_stage_result_same_pathway ON training_stageresult;
DROP TRIGGER IF EXISTS training_component_score_same_stage ON training_componentscore;
DROP FUNCTION IF EXISTS training_pathway_same_pathway();
"""
