"""The shared resource library in the API, under the pages' rules (``access.resources``): everyone
in training — and members' API keys — reads the shared resources and their own organisation's
others, and fetches their files; the people of schools and enterprises (and their keys with
``training:write``) add, change and delete their organisation's, through the same services."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin
from core.files import download
from members.models import Organization
from reference.models import Major, Skill
from training.access import resources as access
from training.api import owner_from
from training.models import Licence, ResourceKind, TeachingResource
from training.services import resources as services


class TeachingResourceSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", min_value=1, max_value=MAX_ID, required=False,
                                     help_text="The owning school or enterprise; needed only by a caller of several.")
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    kind = serializers.ChoiceField(choices=ResourceKind.choices)
    licence = serializers.ChoiceField(choices=Licence.choices)
    file = serializers.FileField(write_only=True, required=False, help_text="A file instead of a link (multipart).")
    has_file = serializers.SerializerMethodField()
    major = serializers.SlugRelatedField(slug_field="code", queryset=Major.objects.all(), required=False,
                                         allow_null=True)
    skills = serializers.SlugRelatedField(slug_field="code", queryset=Skill.objects.all(), many=True, required=False,
                                          help_text="Codes of skills of the consortium's vocabulary.")
    url = serializers.URLField(required=False, allow_blank=True, max_length=200)
    is_shared = serializers.BooleanField(required=False, default=True)

    class Meta:
        model = TeachingResource
        fields = ["id", "owner", "owner_name", "title", "kind", "description", "licence", "file", "has_file",
                  "file_name", "url", "major", "skills", "is_shared", "created_at"]
        read_only_fields = ["file_name", "created_at"]

    def get_has_file(self, resource) -> bool:
        """true: fetch the file at …/file/."""
        return bool(resource.file)


class TeachingResourceFilter(FilterSet):
    class Meta:
        model = TeachingResource
        fields = ["kind", "licence", "owner", "is_shared"]


class TeachingResourceViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                              mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """共享资源库: teaching resources, each a file or a link, with its licence and owner."""

    api_part = "training"
    queryset = TeachingResource.objects.select_related("owner", "major").prefetch_related("skills").order_by(
        "-created_at", "-id")
    scope = staticmethod(access.resources_for)
    serializer_class = TeachingResourceSerializer
    filterset_class = TeachingResourceFilter
    search_fields = ["title", "description"]
    ordering_fields = ["created_at", "title"]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _answer(self, resource, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=resource.pk)).data, status=code)

    @extend_schema(responses={201: TeachingResourceSerializer})
    def create(self, request, *args, **kwargs):
        if not access.can_add_resources(request.user):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        owner = owner_from(data, access.owner_choices(request.user),
                           _("Give the id of a school or enterprise you add resources for."))
        resource = services.resource_create(actor=request.user, owner=owner, **data)
        return self._answer(resource, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        resource = self.get_object()
        if not access.can_edit_resource(request.user, resource):
            raise PermissionDenied
        serializer = self.get_serializer(resource, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        owner_id = data.pop("owner_id", None)
        fields = {
            "title": data.get("title", resource.title), "kind": data.get("kind", resource.kind),
            "licence": data.get("licence", resource.licence),
            "description": data.get("description", resource.description),
            "url": data.get("url", "" if resource.file else resource.url), "file": data.get("file"),
            "major": data.get("major", resource.major),
            "skills": data["skills"] if "skills" in data else list(resource.skills.all()),
            "is_shared": data.get("is_shared", resource.is_shared) if "is_shared" in request.data else resource.is_shared,
            "owner": Organization.objects.filter(pk=owner_id).first() if owner_id else None,
        }
        services.resource_update(resource=resource, actor=request.user, **fields)
        return self._answer(resource)

    def destroy(self, request, *args, **kwargs):
        resource = self.get_object()
        if not access.can_edit_resource(request.user, resource):
            raise PermissionDenied
        services.resource_delete(resource=resource, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        """The resource's file, under its own name (404 for a link)."""
        resource = self.get_object()
        kind = services.kind_of_name(resource.file_name)
        if not resource.file or kind is None:
            raise Http404
        return download(resource.file, name=resource.file_name, content_type=kind.content_type,
                        fallback=f"resource-{resource.pk}{kind.extensions[0]}")
