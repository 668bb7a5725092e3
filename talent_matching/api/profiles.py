"""Student profiles through the API, under the pages' rules (``access.profiles_for``): a student
reads their own, a school's people (and its API keys) its students', an enterprise only the
profiles whose consent covers it — and each profile an enterprise reads is recorded for the
student as an access of kind 'api'. Read-only: profiles are written on the pages."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from talent_matching import access
from talent_matching.models import ProfileAccessKind, ProfileSkill, StudentProfile
from talent_matching.services import profiles as services


class ProfileSkillSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="skill.code", read_only=True)
    name = serializers.CharField(source="skill.name_zh", read_only=True)
    verified = serializers.SerializerMethodField(
        help_text="Backed by a credential the student holds that verifies now; otherwise self-declared.")

    class Meta:
        model = ProfileSkill
        fields = ["code", "name", "level", "verified"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_verified(self, obj) -> bool:
        return obj.credential_id is not None and obj.credential_id in self.context.get("verified", set())


class StudentProfileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="student.display_name", read_only=True, default=None)
    school_name = serializers.CharField(source="school.name_zh", read_only=True)
    major = serializers.CharField(source="major.code", read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    skills = serializers.SerializerMethodField()

    class Meta:
        model = StudentProfile
        fields = ["id", "name", "school", "school_name", "major", "education_level", "graduation_year", "regions",
                  "available_from", "kinds", "summary", "visibility", "skills", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(ProfileSkillSerializer(many=True))
    def get_skills(self, obj):
        skills = list(obj.skills.all())
        verified = set()
        if obj.student_id and any(s.credential_id for s in skills):
            verified = set(services.verified_credentials_of(obj.student).values_list("pk", flat=True))
        return ProfileSkillSerializer(skills, many=True, context={"verified": verified}).data


class StudentProfileFilter(FilterSet):
    class Meta:
        model = StudentProfile
        fields = ["school", "graduation_year", "education_level", "visibility"]


class StudentProfileViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """学生求职档案: the profiles the caller may see; an enterprise's every read is recorded for the
    student."""

    api_part = "talent"
    queryset = (StudentProfile.objects.select_related("student", "school", "major")
                .prefetch_related("regions", "skills__skill").order_by("id"))
    scope = staticmethod(access.profiles_for)
    serializer_class = StudentProfileSerializer
    filterset_class = StudentProfileFilter
    search_fields = ["student__full_name", "summary"]
    ordering_fields = ["graduation_year", "updated_at"]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        services.profile_accesses_record(profiles=getattr(self, "_page", []), viewer=request.user)
        return response

    def paginate_queryset(self, queryset):
        self._page = super().paginate_queryset(queryset)
        return self._page

    def retrieve(self, request, *args, **kwargs):
        profile = self.get_object()
        services.profile_access_record(profile=profile, viewer=request.user, kind=ProfileAccessKind.API)
        return super().retrieve(request, *args, **kwargs)
