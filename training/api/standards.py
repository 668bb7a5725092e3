"""Standards in the API, under the pages' rules (``access.standards``): everyone in training — and
members' API keys — reads every standard with its competences and past versions; keepers (and
their keys with ``training:write``) add standards, correct the current version and publish a new
one, through the same services as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin
from training.access import standards as access
from training.api import owner_from
from training.models import Competence, Standard, StandardKind
from training.services import standards as services


class StandardCompetenceSerializer(serializers.ModelSerializer):
    skill = serializers.SlugRelatedField(slug_field="code", read_only=True,
                                         help_text="The skill's code in the consortium's vocabulary.")

    class Meta:
        model = Competence
        fields = ["id", "code", "name", "description", "skill"]
        read_only_fields = fields


class TrainingStandardSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", min_value=1, max_value=MAX_ID, required=False,
                                     help_text="The keeping organisation; needed only by a caller keeping for several.")
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    kind = serializers.ChoiceField(choices=StandardKind.choices)
    effective_on = serializers.DateField()
    competences = StandardCompetenceSerializer(many=True, read_only=True)

    class Meta:
        model = Standard
        fields = ["id", "owner", "owner_name", "kind", "code", "title", "issuing_body", "version", "effective_on",
                  "summary", "replaces", "is_current", "created_at", "competences"]
        read_only_fields = ["replaces", "is_current", "created_at"]
        validators = []  # uniqueness is the services' (with a message on the field)


class NewVersionSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=20)
    effective_on = serializers.DateField()
    title = serializers.CharField(max_length=200, required=False)
    issuing_body = serializers.CharField(max_length=200, required=False)
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    class Meta:
        component_name = "TrainingStandardNewVersion"


class StandardFilter(FilterSet):
    class Meta:
        model = Standard
        fields = ["kind", "owner", "is_current", "code"]


class StandardViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                      viewsets.ReadOnlyModelViewSet):
    """标准与能力: standards (one row per version) with the competences each version requires."""

    api_part = "training"
    queryset = Standard.objects.select_related("owner").prefetch_related("competences__skill").order_by(
        "code", "-effective_on", "id")
    scope = staticmethod(access.standards_for)
    serializer_class = TrainingStandardSerializer
    filterset_class = StandardFilter
    search_fields = ["code", "title"]
    ordering_fields = ["code", "effective_on"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _answer(self, standard, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=standard.pk)).data, status=code)

    @extend_schema(responses={201: TrainingStandardSerializer})
    def create(self, request, *args, **kwargs):
        if not access.can_keep_standards(request.user):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        owner = owner_from(data, access.owner_choices(request.user),
                           _("Give the id of an organisation whose standards you keep."))
        standard = services.standard_create(actor=request.user, owner=owner, **data)
        return self._answer(standard, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        standard = self.get_object()
        if not access.can_edit_standard(request.user, standard):
            raise PermissionDenied
        serializer = self.get_serializer(standard, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        fields = {name: serializer.validated_data.get(name, getattr(standard, name)) for name in services.STANDARD_FIELDS}
        services.standard_update(standard=standard, actor=request.user, **fields)
        return self._answer(standard)

    @extend_schema(request=NewVersionSerializer, responses={201: TrainingStandardSerializer})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        """Publish the next version of a current standard; its competences are copied to it."""
        standard = self.get_object()
        if not access.can_edit_standard(request.user, standard):
            raise PermissionDenied
        serializer = NewVersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = services.standard_new_version(standard=standard, actor=request.user, **serializer.validated_data)
        return self._answer(new, status.HTTP_201_CREATED)
