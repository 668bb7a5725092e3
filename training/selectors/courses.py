"""Reads of co-developed courses that depend on the viewer: the 岗课赛证 skill coverage.

``skill_coverage``: for every skill the published postings demand (how many postings, how many
people sought), which courses teach it (the course's own skills, or the skills of the
competences of its current units — the approved version's, or the version being written when
none is approved yet), which competition categories test it and which certificates the
teaching courses lead to. A handful of aggregate queries whatever the number of skills."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import get_language

from reference.models import Skill
from talent_matching.models import Posting, PostingSkill, PostingStatus
from training.access import courses as access
from training.models import CompetitionCategory, Course, CourseStatus, CourseUnit, CourseVersion, VersionStatus
from training.models.courses import OPEN_VERSION_STATUSES


@dataclass
class SkillCoverage:
    skill_id: int
    code: str
    name: str
    family: str
    postings: int
    headcount: int
    courses: list = field(default_factory=list)  # (pk, title)
    competitions: list = field(default_factory=list)  # "competition · category"
    certificates: list = field(default_factory=list)  # "name level"

    @property
    def taught(self) -> bool:
        return bool(self.courses)


def coverage_courses(user, *, family: str = "", school: int | None = None):
    """The courses the coverage counts: those the viewer sees, not retired, of the family and school."""
    courses = access.courses_for(user).exclude(status=CourseStatus.RETIRED)
    if family:
        courses = courses.filter(major__family_code=family)
    if school:
        courses = courses.filter(school_id=school)
    return courses


def demanded_postings(*, family: str = ""):
    postings = Posting.objects.filter(status=PostingStatus.PUBLISHED)
    if family:
        of_family = Posting.majors.through.objects.filter(major__family_code=family).values("posting_id")
        any_major = Posting.majors.through.objects.filter(posting_id=OuterRef("pk"))
        postings = postings.filter(Q(pk__in=of_family) | ~Exists(any_major))
    return postings


def _current_version(prefix: str = "") -> Q:
    """The current version of a course: the approved one, or the version being written while
    none is approved yet (``prefix`` leads from the rows queried to the version)."""
    approved = CourseVersion.objects.filter(course_id=OuterRef(f"{prefix}course_id"), status=VersionStatus.APPROVED)
    return Q(**{f"{prefix}status": VersionStatus.APPROVED}) | (
        Q(**{f"{prefix}status__in": OPEN_VERSION_STATUSES}) & ~Exists(approved))


def skill_coverage(user, *, family: str = "", school: int | None = None) -> list[SkillCoverage]:
    """Every demanded skill, most people sought first, with what covers it (6 queries)."""
    english = get_language() == "en"
    demand = (PostingSkill.objects.filter(posting__in=demanded_postings(family=family))
              .values("skill_id").annotate(postings=Count("posting_id"), headcount=Sum("posting__headcount"))
              .order_by())
    demand = {d["skill_id"]: d for d in demand}
    if not demand:
        return []
    rows = {}
    for pk, code, name_zh, name_en, skill_family in (Skill.objects.filter(pk__in=demand.keys())
                                                     .values_list("pk", "code", "name_zh", "name_en", "family")):
        d = demand[pk]
        rows[pk] = SkillCoverage(skill_id=pk, code=code, name=name_en if english else name_zh, family=skill_family,
                                 postings=d["postings"], headcount=d["headcount"] or 0)
    courses = coverage_courses(user, family=family, school=school)
    # Which course teaches which skill: its own skills, and its current units' competences' skills.
    own = Course.skills.through.objects.filter(course__in=courses).values_list("skill_id", "course_id")
    by_units = (CourseUnit.competences.through.objects
                .filter(_current_version("courseunit__version__"), courseunit__version__course__in=courses,
                        competence__skill_id__isnull=False)
                .values_list("competence__skill_id", "courseunit__version__course_id"))
    taught = defaultdict(set)
    for skill_id, course_id in own.union(by_units):
        if skill_id in rows:
            taught[skill_id].add(course_id)
    teaching = {course_id for ids in taught.values() for course_id in ids}
    titles = dict(Course.objects.filter(pk__in=teaching).values_list("pk", "title")) if teaching else {}
    certificates = defaultdict(set)  # course -> names
    if teaching:
        for course_id, name, level in (Course.certificates.through.objects.filter(course__in=courses)
                                       .values_list("course_id", "achievement__name", "achievement__level")):
            certificates[course_id].add(f"{name} {level}".strip())
    tested = defaultdict(set)
    for skill_id, category, competition in (CompetitionCategory.skills.through.objects
                                            .values_list("skill_id", "competitioncategory__name",
                                                         "competitioncategory__competition__name")):
        if skill_id in rows:
            tested[skill_id].add(f"{competition} · {category}")
    for skill_id, row in rows.items():
        ids = taught.get(skill_id, ())
        row.courses = sorted(((pk, titles[pk]) for pk in ids), key=lambda item: item[1])
        row.certificates = sorted({name for pk in ids for name in certificates.get(pk, ())})
        row.competitions = sorted(tested.get(skill_id, ()))
    return sorted(rows.values(), key=lambda r: (-r.headcount, -r.postings, r.code))
