"""Skill competitions in the API, read-only under the pages' rules (``access.competitions``):
everyone in training reads the competitions in their scope with their categories and teams; a
team's students are named to the organiser, the team's school and the team's own people, and
ranks and awards appear once the results are published (to the organiser, as soon as recorded).
Writes go through the pages' services."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from training.access import competitions as access
from training.models import (
    Competition,
    CompetitionCategory,
    CompetitionTeam,
    CompetitionTeamMember,
)

LEVELS = "1 school, 2 city, 3 provincial, 4 national."
AWARDS = "1 first prize (一等奖), 2 second prize (二等奖), 3 third prize (三等奖), 4 merit award (优胜奖)."


@extend_schema_serializer(component_name="TrainingCompetitionCategory")
class CompetitionCategorySerializer(serializers.ModelSerializer):
    skills = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True,
                                          help_text="Codes of the skills tested (reference skills).")

    class Meta:
        model = CompetitionCategory
        fields = ["id", "competition", "name", "team_size", "skills"]
        read_only_fields = fields


@extend_schema_serializer(component_name="TrainingCompetition")
class CompetitionSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(read_only=True, help_text=LEVELS)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)
    results_published = serializers.SerializerMethodField()
    categories = CompetitionCategorySerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = ["id", "name", "level", "level_label", "year", "organizer", "organizer_name", "starts_on", "ends_on",
                  "description", "results_published", "results_published_at", "categories"]
        read_only_fields = fields

    def get_results_published(self, obj) -> bool:
        return obj.results_published_at is not None


@extend_schema_serializer(component_name="TrainingCompetitionTeam")
class CompetitionTeamSerializer(serializers.ModelSerializer):
    competition = serializers.IntegerField(source="category.competition_id", read_only=True)
    school_name = serializers.CharField(source="school.name", read_only=True)
    rank = serializers.SerializerMethodField()
    award = serializers.SerializerMethodField(help_text=AWARDS)
    award_label = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField(help_text="The students' names, for the organiser, the team's "
                                                          "school and the team's own people; else empty.")
    member_count = serializers.SerializerMethodField()

    class Meta:
        model = CompetitionTeam
        fields = ["id", "competition", "category", "name", "school", "school_name", "rank", "award", "award_label",
                  "member_count", "members"]
        read_only_fields = fields

    def _shows_result(self, obj) -> bool:
        competition = obj.category.competition
        return competition.results_published_at is not None or obj.pk in self.context.get("managed_teams", set())

    def get_rank(self, obj) -> int | None:
        return obj.rank if self._shows_result(obj) else None

    def get_award(self, obj) -> int | None:
        return obj.award if self._shows_result(obj) else None

    def get_award_label(self, obj) -> str:
        return obj.get_award_display() or "" if self._shows_result(obj) and obj.award else ""

    def get_member_count(self, obj) -> int:
        return len(obj.members.all())

    def get_members(self, obj) -> list[str]:
        if obj.pk not in self.context.get("named_teams", set()):
            return []
        return [str(m.student) for m in obj.members.all()]


class CompetitionFilter(FilterSet):
    class Meta:
        model = Competition
        fields = ["level", "organizer"]


class CompetitionViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """技能大赛: skill competitions with their categories (赛项) and the skills each tests."""

    api_part = "training"
    queryset = (Competition.objects.select_related("organizer")
                .prefetch_related(Prefetch("categories", CompetitionCategory.objects.prefetch_related("skills")))
                .order_by("-year", "-starts_on", "pk"))
    scope = staticmethod(access.competitions_for)
    serializer_class = CompetitionSerializer
    filterset_class = CompetitionFilter
    search_fields = ["name", "categories__name"]


class CompetitionCategoryViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """赛项: the categories of the competitions, with team size and skills tested."""

    api_part = "training"
    queryset = CompetitionCategory.objects.prefetch_related("skills").order_by("competition_id", "name", "pk")
    scope = staticmethod(access.categories_for)
    serializer_class = CompetitionCategorySerializer
    filterset_fields = ["competition"]
    search_fields = ["name"]


class _TeamViews(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    api_part = "training"
    queryset = (CompetitionTeam.objects.select_related("school", "category__competition")
                .prefetch_related(Prefetch("members", CompetitionTeamMember.objects.select_related("student")))
                .order_by("category__competition_id", "category_id", "rank", "name", "pk"))
    scope = staticmethod(access.teams_for)
    serializer_class = CompetitionTeamSerializer
    filterset_fields = ["category", "category__competition", "school"]
    search_fields = ["name", "school__name_zh"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        teams = CompetitionTeam.objects.filter(pk__in=self._page_ids())
        context["named_teams"] = access.named_team_ids(user, teams)
        context["managed_teams"] = set(teams.filter(category__competition__in=access.managed_competitions(user))
                                       .values_list("pk", flat=True))
        return context

    def _page_ids(self):
        if "pk" in self.kwargs:
            return [self.kwargs["pk"]] if str(self.kwargs["pk"]).isdigit() else []
        page = getattr(self, "_competition_page", None)
        return [team.pk for team in page] if page is not None else []

    def paginate_queryset(self, queryset):
        self._competition_page = super().paginate_queryset(queryset)
        return self._competition_page


class CompetitionTeamViewSet(_TeamViews):
    """The teams schools registered: school, students (named within scope), rank and award once published."""


class CompetitionResultViewSet(_TeamViews):
    """The published results: the ranked teams of competitions whose results are published."""

    def get_queryset(self):
        return super().get_queryset().filter(category__competition__results_published_at__isnull=False,
                                             rank__isnull=False)
