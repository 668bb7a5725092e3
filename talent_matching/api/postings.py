"""API for postings (岗位需求), under the pages' rules: everyone on the talent platform reads the
published postings (and an enterprise its own in every state); an enterprise's administrators
and HR — and its API keys with ``talent:write`` — create and change its postings, publish and
close them, through the same services as the pages."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin, YesNoFilter
from reference.models import EducationLevel, Major, Occupation, Region, Skill
from talent_matching import access
from talent_matching.models import (
    Posting,
    PostingCertificate,
    PostingKind,
    PostingSkill,
    PostingStatus,
    SkillLevel,
)
from talent_matching.services import postings as services
from talent_matching.services.postings import MAX_MONTHLY_PAY, CertificateRow, SkillRow
from talent_matching.selectors.postings import filter_published


class PostingSkillSerializer(serializers.ModelSerializer):
    skill = serializers.SlugRelatedField(slug_field="code", queryset=Skill.objects.all(),
                                         help_text="The skill's code in the consortium's vocabulary.")
    skill_name = serializers.CharField(source="skill.name", read_only=True)
    level = serializers.ChoiceField(choices=SkillLevel.choices, default=SkillLevel.BASIC)
    weight = serializers.IntegerField(min_value=1, max_value=5, default=3)
    required = serializers.BooleanField(default=False)

    class Meta:
        model = PostingSkill
        fields = ["skill", "skill_name", "level", "weight", "required"]


class PostingCertificateSerializer(serializers.ModelSerializer):
    level = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    required = serializers.BooleanField(default=False)

    class Meta:
        model = PostingCertificate
        fields = ["name", "level", "required"]


class PostingSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(
        source="organization_id", min_value=1, max_value=MAX_ID, required=False,
        help_text="The enterprise; needed only by a caller who writes postings for several.",
    )
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    occupation = serializers.SlugRelatedField(slug_field="code", queryset=Occupation.objects.all(), required=False,
                                              allow_null=True)
    majors = serializers.SlugRelatedField(
        slug_field="code", queryset=Major.objects.all(), many=True, required=False,
        help_text="Codes of majors, classes or families of majors; empty, every major is accepted.",
    )
    location = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.filter(level=Region.Level.COUNTY), required=False,
        allow_null=True, help_text="The GB/T 2260 code of the county or district.",
    )
    min_level = serializers.ChoiceField(choices=EducationLevel.choices, required=False, allow_null=True)
    salary_min = serializers.IntegerField(min_value=0, max_value=MAX_MONTHLY_PAY, required=False, allow_null=True)
    salary_max = serializers.IntegerField(min_value=0, max_value=MAX_MONTHLY_PAY, required=False, allow_null=True)
    headcount = serializers.IntegerField(min_value=1, max_value=10000, required=False, default=1)
    skills = PostingSkillSerializer(many=True, required=False, max_length=30)
    certificates = PostingCertificateSerializer(many=True, required=False, max_length=10)

    class Meta:
        model = Posting
        fields = [
            "id", "organization", "organization_name", "kind", "title", "description", "occupation", "majors",
            "min_level", "headcount", "location", "salary_min", "salary_max", "starts_on", "ends_on", "deadline",
            "status", "published_at", "closed_at", "created_at", "updated_at", "skills", "certificates",
        ]
        read_only_fields = ["status", "published_at", "closed_at", "created_at", "updated_at"]

    def validate_skills(self, rows):
        codes = [row["skill"].code for row in rows]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError(_("Each skill is listed once."))
        return rows

    def validate_certificates(self, rows):
        keys = [(row["name"].strip(), row.get("level", "").strip()) for row in rows]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError(_("Each certificate is listed once."))
        return rows


@extend_schema_field({"type": "integer", "enum": list(EducationLevel.values)})
class LevelFilter(django_filters.TypedChoiceFilter):
    """A school level: 1 中职, 2 高职专科, 3 职教本科."""


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_MONTHLY_PAY})
class PayFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PostingFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=PostingKind.choices)
    status = django_filters.ChoiceFilter(choices=PostingStatus.choices)
    family = django_filters.CharFilter(method="_published", max_length=2,
                                       help_text="A family of majors (2 digits): postings open to its majors, or to every major.")
    city = django_filters.CharFilter(method="_published", max_length=6,
                                     help_text="The GB/T 2260 code of a city: postings whose place of work is in it.")
    level = LevelFilter(method="_published", choices=EducationLevel.choices, coerce=int,
                                             help_text="A school level: postings open to students of it.")
    pay = PayFilter(method="_published", min_value=0, max_value=MAX_MONTHLY_PAY,
                    help_text="Monthly pay, in yuan: postings paying at least this much.")
    open = YesNoFilter(method="_published", help_text="true: only postings still taking applications.")

    class Meta:
        model = Posting
        fields = ["organization", "kind", "status", "family", "city", "level", "pay", "open"]

    def _published(self, queryset, name, value):
        if value in (None, "") or value is False:
            return queryset
        return filter_published(queryset, {name: value})


class PostingViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                     viewsets.ReadOnlyModelViewSet):
    """岗位需求: published postings for everyone on the talent platform, and an enterprise's own in
    every state. An enterprise writes drafts, publishes them when complete, and closes them."""

    api_part = "talent"
    queryset = Posting.objects.select_related("organization", "occupation", "location").prefetch_related(
        models.Prefetch("skills", queryset=PostingSkill.objects.select_related("skill")), "certificates", "majors",
    ).order_by("-published_at", "-created_at", "-id")
    scope = staticmethod(access.postings_for)
    serializer_class = PostingSerializer
    filterset_class = PostingFilter
    search_fields = ["title", "description", "organization__name_zh", "organization__name_en"]
    ordering_fields = ["published_at", "deadline", "salary_max", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _rows(self, data):
        skills = data.pop("skills", None)
        certificates = data.pop("certificates", None)
        majors = data.pop("majors", None)
        return (
            majors,
            None if skills is None else [SkillRow(r["skill"], r["level"], r["weight"], r["required"]) for r in skills],
            None if certificates is None else [
                CertificateRow(r["name"], r.get("level", ""), r["required"]) for r in certificates],
        )

    @extend_schema(responses={201: PostingSerializer})
    def create(self, request, *args, **kwargs):
        # Refused before the body is read, so that a caller without the right learns that, not field rules.
        if not access.can_manage_postings(request.user):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        enterprises = sorted(access.enterprise_ids(request.user))
        organization_id = data.pop("organization_id", None)
        if organization_id is None and len(enterprises) == 1:
            organization_id = enterprises[0]
        from members.models import Organization

        organization = Organization.objects.filter(pk=organization_id, pk__in=enterprises).first()
        if organization is None:
            raise serializers.ValidationError({"organization": [
                _("Give the id of an enterprise you write postings for.")]})
        majors, skills, certificates = self._rows(data)
        posting = services.posting_create(organization=organization, actor=request.user, data=data,
                                          majors=majors or [], skills=skills or [], certificates=certificates or [])
        return Response(self.get_serializer(self.get_queryset().get(pk=posting.pk)).data,
                        status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        posting = self.get_object()
        if not access.can_edit_posting(request.user, posting):
            raise PermissionDenied
        serializer = self.get_serializer(posting, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("organization_id", None)  # a posting's enterprise never changes
        majors, skills, certificates = self._rows(data)
        services.posting_update(posting=posting, actor=request.user, data=data, majors=majors, skills=skills,
                                certificates=certificates)
        return Response(self.get_serializer(self.get_queryset().get(pk=posting.pk)).data)

    def _change(self, request, service):
        posting = self.get_object()
        if not access.can_edit_posting(request.user, posting):
            raise PermissionDenied
        service(posting=posting, actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=posting.pk)).data)

    @extend_schema(request=None, responses={
        200: PostingSerializer,
        400: OpenApiResponse(description="The posting is not complete (each problem is listed), or is closed."),
    })
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a complete draft: at least one skill, a deadline not past, the pay."""
        return self._change(request, services.posting_publish)

    @extend_schema(request=None, responses={200: PostingSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close a published posting: it takes no more applications."""
        return self._change(request, services.posting_close)
