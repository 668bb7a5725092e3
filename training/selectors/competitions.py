"""Reads of the competitions part that other parts use: the skills competitions test (for the
courses part's 岗课赛证 coverage), and a person's teams and awards."""

from django.db.models import QuerySet

from reference.models import Skill
from training.models import CompetitionCategory, CompetitionTeam


def tested_skill_ids(*, competitions=None) -> set[int]:
    """The ids of the skills the categories of ``competitions`` test (of every competition if None)."""
    qs = CompetitionCategory.skills.through.objects.all()
    if competitions is not None:
        qs = qs.filter(competitioncategory__competition__in=competitions)
    return set(qs.values_list("skill_id", flat=True).distinct())


def tested_skills(*, competitions=None) -> QuerySet:
    """The skills competitions test (``reference.Skill``), once each, by code."""
    return Skill.objects.filter(pk__in=tested_skill_ids(competitions=competitions)).order_by("code")


def categories_testing(skill_ids) -> QuerySet:
    """The categories (with their competition) that test any of ``skill_ids``."""
    return (CompetitionCategory.objects.filter(skills__in=list(skill_ids)).distinct()
            .select_related("competition").order_by("-competition__year", "competition__name", "name"))


def teams_of_student(user) -> QuerySet:
    return (CompetitionTeam.objects.filter(members__student_id=user.pk)
            .select_related("category__competition", "school").order_by("-category__competition__starts_on", "pk"))


def teams_coached_by(user) -> QuerySet:
    return (CompetitionTeam.objects.filter(coaches__coach_id=user.pk).distinct()
            .select_related("category__competition", "school").order_by("-category__competition__starts_on", "pk"))
