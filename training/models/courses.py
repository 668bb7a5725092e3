"""共建课程: a course a school and one or more enterprises propose and co-author. The course row
holds what it is and where it stands; its outline, resources and loose-leaf textbook are kept
in versions (``CourseVersion`` …), every version kept. The course links to the posting skills it
serves, the competitions it prepares for and the certificates it leads to (岗课赛证)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization
from reference.models import EducationLevel


__all__ = [
    "Course", "CourseStatus", "CourseVersion", "VersionStatus", "CourseUnit", "TeachingCase", "TextbookChapter",
    "CourseReview", "ReviewDecision", "CoursePartnerCredit", "COURSE_VERSION_GUARD_SQL", "COURSE_VERSION_GUARD_REVERSE_SQL",
]


class CourseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    IN_USE = "in_use", _("In use")
    RETIRED = "retired", _("Retired")


class Course(models.Model):
    school = models.ForeignKey(Organization, verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="training_courses")
    partners = models.ManyToManyField(Organization, verbose_name=_("partner enterprises"),
                                      related_name="training_partner_courses", blank=True)
    code = models.CharField(_("course code"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=200)
    major = models.ForeignKey("reference.Major", verbose_name=_("major"), on_delete=models.PROTECT,
                              related_name="training_courses")
    level = models.PositiveSmallIntegerField(_("education level"), choices=EducationLevel.choices)
    hours = models.PositiveSmallIntegerField(_("hours"))
    credits = models.DecimalField(_("credits"), max_digits=4, decimal_places=1)
    summary = LimitedTextField(_("summary"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CourseStatus.choices,
                              default=CourseStatus.PROPOSED, db_index=True)
    # Set when a standard the course cites gets a new version, cleared by the next approved version.
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reason = models.CharField(_("why it needs review"), max_length=300, blank=True)
    skills = models.ManyToManyField("reference.Skill", verbose_name=_("skills it serves"), blank=True,
                                    related_name="training_courses")
    competitions = models.ManyToManyField("training.Competition", verbose_name=_("competitions it prepares for"),
                                          blank=True, related_name="courses")
    certificates = models.ManyToManyField("credentials.Achievement", verbose_name=_("certificates it leads to"),
                                          blank=True, related_name="training_courses")
    created_by = models.ForeignKey("members.User", verbose_name=_("proposed by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # Why the school retired the course (with the date it did).
    retired_reason = models.CharField(_("why it was retired"), max_length=300, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["school_id", "title"]
        verbose_name = _("co-developed course")
        verbose_name_plural = _("co-developed courses")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_course_hours"),
            models.CheckConstraint(condition=models.Q(credits__gte=0), name="training_course_credits"),
        ]

    def __str__(self):
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    # A submitted version a partner asked to change: kept as it was, a new draft follows it.
    RETURNED = "returned", _("Changes requested")
    SUPERSEDED = "superseded", _("Superseded")


LOCKED_VERSION_STATUSES = (VersionStatus.APPROVED, VersionStatus.RETURNED, VersionStatus.SUPERSEDED)
OPEN_VERSION_STATUSES = (VersionStatus.DRAFT, VersionStatus.SUBMITTED)


class CourseVersion(models.Model):
    """One version of a course's outline, resources and loose-leaf textbook. A course has at
    most one open version (draft or submitted) and at most one approved version; approved,
    returned and superseded versions are never changed."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    based_on = models.ForeignKey("self", verbose_name=_("based on"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    resources = models.ManyToManyField("training.TeachingResource", verbose_name=_("teaching resources"),
                                       blank=True, related_name="course_versions")
    created_by = models.ForeignKey("members.User", verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["course_id", "number"]
        verbose_name = _("course version")
        verbose_name_plural = _("course versions")
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="training_course_version_number"),
            models.UniqueConstraint(fields=["course"], condition=Q(status="approved"),
                                    name="training_course_one_approved_version"),
            models.UniqueConstraint(fields=["course"], condition=Q(status__in=["draft", "submitted"]),
                                    name="training_course_one_open_version"),
            models.CheckConstraint(condition=Q(number__gte=1), name="training_course_version_positive"),
        ]

    def __str__(self):
        return f"{self.course} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_VERSION_STATUSES


class CourseUnit(models.Model):
    """A unit of a version's outline (教学单元): its hours, learning outcomes, the competences and
    standards it teaches to, and real-project teaching cases."""

    version = models.ForeignKey(CourseVersion, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="units")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"))
    outcomes = LimitedTextField(_("learning outcomes"), max_length=2000, blank=True)
    competences = models.ManyToManyField("training.Competence", verbose_name=_("competences"), blank=True,
                                         related_name="course_units")
    standards = models.ManyToManyField("training.Standard", verbose_name=_("standards"), blank=True,
                                       related_name="course_units")

    class Meta:
        ordering = ["version_id", "order"]
        verbose_name = _("course unit")
        verbose_name_plural = _("course units")
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="training_course_unit_order"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_course_unit_hours"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class TeachingCase(models.Model):
    """A real-project teaching case (真实项目案例) of a unit, with the enterprise that contributed it."""

    unit = models.ForeignKey(CourseUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="cases")
    text = LimitedTextField(_("teaching case"), max_length=2000)
    enterprise = models.ForeignKey(Organization, verbose_name=_("contributed by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["unit_id", "id"]
        verbose_name = _("teaching case")
        verbose_name_plural = _("teaching cases")

    def __str__(self):
        return self.text[:60]


class TextbookChapter(models.Model):
    """A chapter of the loose-leaf textbook (活页式教材) in one course version. A chapter keeps
    its number across versions; its own revision goes up only in the version that changes it."""

    version = models.ForeignKey(CourseVersion, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="chapters")
    number = models.PositiveSmallIntegerField(_("chapter"))
    title = models.CharField(_("title"), max_length=200)
    body = LimitedTextField(_("content"), max_length=20000, blank=True)
    revision = models.PositiveSmallIntegerField(_("chapter version"), default=1)

    class Meta:
        ordering = ["version_id", "number"]
        verbose_name = _("textbook chapter")
        verbose_name_plural = _("textbook chapters")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="training_chapter_number"),
            models.CheckConstraint(condition=Q(revision__gte=1), name="training_chapter_revision"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    CHANGES = "changes", _("Request changes")


class CourseReview(models.Model):
    """A partner enterprise's decision on a submitted version (one per version and partner)."""

    version = models.ForeignKey(CourseVersion, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="reviews")
    organization = models.ForeignKey(Organization, verbose_name=_("partner enterprise"), on_delete=models.PROTECT,
                                     related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = LimitedTextField(_("comment"), max_length=2000, blank=True)
    by = models.ForeignKey("members.User", verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["version_id", "at"]
        verbose_name = _("course review")
        verbose_name_plural = _("course reviews")
        constraints = [
            models.UniqueConstraint(fields=["version", "organization"], name="training_course_review_once"),
            models.CheckConstraint(condition=Q(decision="approve") | ~Q(comment=""),
                                   name="training_course_review_changes_explained"),
        ]

    def __str__(self):
        return f"{self.version} · {self.organization} · {self.get_decision_display()}"


class CoursePartnerCredit(models.Model):
    """A partner enterprise's co-development of a course, recorded when the course is first
    approved with it: the source of its responsibility credits (one per course and partner,
    however many versions follow)."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="partner_credits")
    organization = models.ForeignKey(Organization, verbose_name=_("partner enterprise"), on_delete=models.PROTECT,
                                     related_name="+")
    version = models.ForeignKey(CourseVersion, verbose_name=_("version"), on_delete=models.PROTECT,
                                related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["course_id", "organization_id"]
        verbose_name = _("course co-development")
        verbose_name_plural = _("course co-developments")
        constraints = [models.UniqueConstraint(fields=["course", "organization"], name="training_course_credit_once")]

    def __str__(self):
        return f"{self.course} · {self.organization}"


# PostgreSQL keeps decided versions as they were: an approved, returned or superseded version's
# number, course and note never change, it never goes back to draft or submitted (an approved
# one may only be superseded), and its units, cases, chapters and resources are never added,
# changed or removed. (SQLite, the demo's database, relies on the services alone.)
COURSE_VERSION_GUARD_SQL = """
CREATE OR REPLACE FUNCTION training_course_version_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN ('approved', 'returned', 'superseded') THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'a decided course version (%) cannot be deleted', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.number IS DISTINCT FROM OLD.number OR NEW.course_id IS DISTINCT FROM OLD.course_id
           OR NEW.note IS DISTINCT FROM OLD.note
           OR (OLD.status = 'approved' AND NEW.status NOT IN ('approved', 'superseded'))
           OR (OLD.status <> 'approved' AND NEW.status IS DISTINCT FROM OLD.status) THEN
            RAISE EXCEPTION 'a decided course version (%) is locked', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS training_course_version_locked ON training_courseversion;
CREATE TRIGGER training_course_version_locked BEFORE UPDATE OR DELETE ON training_courseversion
    FOR EACH ROW EXECUTE FUNCTION training_course_version_locked();

CREATE OR REPLACE FUNCTION training_course_content_locked() RETURNS trigger AS $$
DECLARE
    row_data jsonb;
    version_ids bigint[];
    locked boolean;
BEGIN
    IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
    IF TG_ARGV[0] = 'version' THEN
        version_ids := ARRAY[(row_data->>'version_id')::bigint];
    ELSIF TG_ARGV[0] = 'courseversion' THEN
        version_ids := ARRAY[(row_data->>'courseversion_id')::bigint];
    ELSE
        SELECT ARRAY[u.version_id] INTO version_ids FROM training_courseunit u
            WHERE u.id = (row_data->>(TG_ARGV[0] || '_id'))::bigint;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_ARGV[0] = 'version' THEN
        version_ids := version_ids || (to_jsonb(OLD)->>'version_id')::bigint;
    END IF;
    SELECT bool_or(status IN ('approved', 'returned', 'superseded')) INTO locked
        FROM training_courseversion WHERE id = ANY(version_ids);
    IF locked THEN
        RAISE EXCEPTION 'the content of a decided course version cannot change (% on %)', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS training_course_unit_locked ON training_courseunit;
CREATE TRIGGER training_course_unit_locked BEFORE INSERT OR UPDATE OR DELETE ON training_courseunit
    FOR EACH ROW EXECUTE FUNCTION training_course_content_locked('version');
DROP TRIGGER IF EXISTS training_textbook_chapter_locked ON training_textbookchapter;
CREATE TRIGGER training_textbook_chapter_locked BEFORE INSERT OR UPDATE OR DELETE ON training_textbookchapter
    FOR EACH ROW EXECUTE FUNCTION training_course_content_locked('version');
DROP TRIGGER IF EXISTS training_course_resources_locked ON training_courseversion_resources;
CREATE TRIGGER training_course_resources_locked BEFORE INSERT OR UPDATE OR DELETE ON training_courseversion_resources
    FOR EACH ROW EXECUTE FUNCTION training_course_content_locked('courseversion');
DROP TRIGGER IF EXISTS training_teaching_case_locked ON training_teachingcase;
CREATE TRIGGER training_teaching_case_locked BEFORE INSERT OR UPDATE OR DELETE ON training_teachingcase
    FOR EACH ROW EXECUTE FUNCTION training_course_content_locked('unit');
DROP TRIGGER IF EXISTS training_unit_competences_locked ON training_courseunit_competences;
CREATE TRIGGER training_unit_competences_locked BEFORE INSERT OR UPDATE OR DELETE ON training_courseunit_competences
    FOR EACH ROW EXECUTE FUNCTION training_course_content_locked('courseunit');
DROP TRIGGER IF EXISTS training_unit_standards_locked ON training_courseunit_standards;
CREATE TRIGGER training_unit_standards_locked BEFORE INSERT OR UPDATE OR DELETE ON training_courseunit_standards
    FOR EACH ROW EXECUTE FUNCTION training_course_content_locked('courseunit');
"""
COURSE_VERSION_GUARD_REVERSE_SQL = """
DROP TRIGGER IF EXISTS training_course_version_locked ON training_courseversion;
DROP TRIGGER IF EXISTS training_course_unit_locked ON training_courseunit;
DROP TRIGGER IF EXISTS training_textbook_chapter_locked ON training_textbookchapter;
DROP TRIGGER IF EXISTS training_course_resources_locked ON training_courseversion_resources;
DROP TRIGGER IF EXISTS training_teaching_case_locked ON training_teachingcase;
DROP TRIGGER IF EXISTS training_unit_competences_locked ON training_courseunit_competences;
DROP TRIGGER IF EXISTS training_unit_standards_locked ON training_courseunit_standards;
DROP FUNCTION IF EXISTS training_course_version_locked();
DROP FUNCTION IF EXISTS training_course_content_locked();
"""
