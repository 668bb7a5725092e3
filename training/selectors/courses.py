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


def skill_coverage(user, *, family: str = "", school: int | None = None) -> list[SkillCoverage]:
    """Every demanded skill, most people sought first, with what covers it (5 queries)."""
    english = get_language() == "en"
    demand = (PostingSkill.objects.filter(posting__in=demanded_postings(family=family))
              .values("skill_id", "skill__code", "skill__name_zh", "skill__name_en", "skill__family")
              .annotate(postings=Count("posting_id"), headcount=Sum("posting__headcount")).order_by())
    rows = {}
    for d in demand:
        rows[d["skill_id"]] = SkillCoverage(
            skill_id=d["skill_id"], code=d["skill__code"], name=d["skill__name_en" if english else "skill__name_zh"],
            family=d["skill__family"], postings=d["postings"], headcount=d["headcount"] or 0)
    if not rows:
        return []
    courses = coverage_courses(user, family=family, school=school)
    taught = defaultdict(dict)  # skill -> {course pk: title}
    for skill_id, course_id, title in (Course.skills.through.objects
                                       .filter(course__in=courses, skill_id__in=rows.keys())
                                       .values_list("skill_id", "course_id", "course__title")):
        taught[skill_id][course_id] = title
    approved = CourseVersion.objects.filter(course_id=OuterRef("version__course_id"), status=VersionStatus.APPROVED)
    current_units = CourseUnit.objects.filter(version__course__in=courses).filter(
        Q(version__status=VersionStatus.APPROVED) | (Q(version__status__in=OPEN_VERSION_STATUSES) & ~Exists(approved)))
    for skill_id, course_id, title in (CourseUnit.competences.through.objects
                                       .filter(courseunit__in=current_units, competence__skill_id__in=rows.keys())
                                       .values_list("competence__skill_id", "courseunit__version__course_id",
                                                    "courseunit__version__course__title").distinct()):
        taught[skill_id][course_id] = title
    certificates = defaultdict(set)  # course -> names
    teaching = {course_id for by_course in taught.values() for course_id in by_course}
    for course_id, name, level in (Course.certificates.through.objects.filter(course_id__in=teaching)
                                   .values_list("course_id", "achievement__name", "achievement__level")):
        certificates[course_id].add(f"{name} {level}".strip())
    tested = defaultdict(set)
    for skill_id, category, competition in (CompetitionCategory.skills.through.objects
                                            .filter(skill_id__in=rows.keys())
                                            .values_list("skill_id", "competitioncategory__name",
                                                         "competitioncategory__competition__name")):
        tested[skill_id].add(f"{competition} · {category}")
    for skill_id, row in rows.items():
        by_course = taught.get(skill_id, {})
        row.courses = sorted(by_course.items(), key=lambda item: item[1])
        row.certificates = sorted({name for course_id in by_course for name in certificates[course_id]})
        row.competitions = sorted(tested.get(skill_id, ()))
    return sorted(rows.values(), key=lambda r: (-r.headcount, -r.postings, r.code))
