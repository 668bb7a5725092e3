"""API for organisations, people and memberships, under the same access rules as the pages."""

import django_filters
from django.utils.translation import gettext as _
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from core.api import MAX_ID, ActionPermission, FilterSet, IdFilter, ScopedQuerysetMixin
from members import access, services
from members.models import Membership, Organization, OrganizationKind, OrganizationStatus, Role, User
from members.validators import normalize_credit_code
from reference.models import Industry, Region


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """Describes organisation API keys in the schema, so the docs offer to send one."""

    target_class = "members.api_auth.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API key (ck_…), created on its API keys page; shown once.",
        }


class OrganizationSerializer(serializers.ModelSerializer):
    industry = serializers.SlugRelatedField(
        slug_field="code", queryset=Industry.objects.all(), required=False, allow_null=True
    )
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id", "kind", "kind_display", "name_zh", "name_en", "credit_code", "industry", "region",
            "is_lead_member", "status", "status_display", "description", "website", "address",
            "contact_name", "contact_phone", "contact_email", "joined_at",
        ]
        read_only_fields = ["status", "joined_at"]
        # Uniqueness is the service's to check, with clearer messages.
        extra_kwargs = {"name_zh": {"validators": []}, "credit_code": {"validators": [], "max_length": 40}}

    def validate_credit_code(self, value):
        from members.validators import validate_credit_code

        value = normalize_credit_code(value)
        validate_credit_code(value)
        return value

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        viewer = request.user if request else None
        if viewer is None or not access.can_see_contacts(viewer, instance):
            for private in access.CONTACT_FIELDS:
                data.pop(private, None)
        return data


class OrganizationSchema(OpenApiSerializerExtension):
    """In answers, an organisation's contacts are there only for its own people and the
    secretariat (OrganizationSerializer.to_representation): the schema says they may be left out."""

    target_class = "members.api.OrganizationSerializer"

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "response":
            schema["required"] = [name for name in schema.get("required", []) if name not in access.CONTACT_FIELDS]
            for name in access.CONTACT_FIELDS:
                schema["properties"][name]["description"] = (
                    "Only for the organisation's own people and the secretariat; left out for others."
                )
        return schema


class OrganizationFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices)
    status = django_filters.ChoiceFilter(choices=OrganizationStatus.choices)
    region = django_filters.CharFilter(field_name="region__code", lookup_expr="startswith")
    industry = django_filters.CharFilter(field_name="industry__code", lookup_expr="startswith")

    class Meta:
        model = Organization
        fields = ["kind", "status", "is_lead_member", "region", "industry"]


class CanEditOrganization(ActionPermission):
    check = staticmethod(access.can_edit_organization)


class OrganizationViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """成员单位. Active members are listed for every signed-in caller; contacts only for
    the organisation's own people and the secretariat. The secretariat registers
    organisations; an organisation's administrators update its details."""

    api_part = "members"
    queryset = Organization.objects.select_related("industry", "region").order_by("name_zh")
    scope = staticmethod(access.organizations_for)
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    search_fields = ["name_zh", "name_en", "credit_code"]
    ordering_fields = ["name_zh", "joined_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self):
        return super().get_permissions() + [CanEditOrganization()]

    def create(self, request, *args, **kwargs):
        # Refuse before validating, so that a caller without the right learns that, not field rules.
        if not access.can_create_organization(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.organization_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.organization_update(
            organization=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


class MembershipSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "organization", "organization_name", "role", "role_display", "title",
                  "started_at", "ended_at"]


class UserSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(source="active_memberships", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "memberships"]


class UserFilter(FilterSet):
    organization = IdFilter(field_name="memberships__organization", distinct=True)
    role = django_filters.ChoiceFilter(field_name="memberships__role", choices=Role.choices, distinct=True)

    class Meta:
        model = User
        fields = ["organization", "role"]


class UserViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """People: an organisation's administrators see its people; everyone sees themself.
    An API key sees its organisation's people, as the organisation's administrator would."""

    api_part = "members"
    queryset = User.objects.filter(is_active=True).prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.active().select_related("organization"),
            to_attr="active_memberships",
        )
    ).order_by("id")
    scope = staticmethod(access.users_for)
    serializer_class = UserSerializer
    filterset_class = UserFilter
    search_fields = ["username", "full_name", "email"]
    ordering_fields = ["username", "full_name"]

    @extend_schema(responses={
        200: UserSerializer,
        404: OpenApiResponse(description="The request was made with an API key, which acts for an organisation, not a person."),
    })
    @action(detail=False, methods=["get"])
    def me(self, request):
        """The caller, with their memberships. A request made with an API key is no person: 404."""
        if request.user.pk is None:
            raise NotFound
        caller = get_object_or_404(self.get_queryset(), pk=request.user.pk)
        return Response(self.get_serializer(caller).data, status=status.HTTP_200_OK)


class MembershipFilter(FilterSet):
    class Meta:
        model = Membership
        fields = ["organization", "role", "user"]


class MembershipGrantSerializer(serializers.Serializer):
    """Give a person of the organisation another role (members.services.membership_grant)."""

    user = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    organization = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    role = serializers.ChoiceField(choices=Role.choices)


class MembershipViewSet(
    ScopedQuerysetMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Roles of people in organisations. An organisation's administrators (and its API keys
    with ``members:write``) give its people the roles of its kind and end them; standing in
    the consortium is appointed by the secretariat in the admin console."""

    api_part = "members"
    queryset = Membership.objects.active().select_related("organization").order_by("id")
    scope = staticmethod(access.memberships_for)
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    ordering_fields = ["started_at", "role"]

    @extend_schema(request=MembershipGrantSerializer, responses={201: MembershipSerializer})
    def create(self, request, *args, **kwargs):
        grant = MembershipGrantSerializer(data=request.data)
        grant.is_valid(raise_exception=True)
        organization = access.organizations_for(request.user).filter(pk=grant.validated_data["organization"]).first()
        # Refuse before looking at the person, so that no one learns who belongs where.
        if organization is None or not access.can_manage_people(request.user, organization):
            raise PermissionDenied
        person = User.objects.filter(pk=grant.validated_data["user"], is_active=True).first()
        if person is None:
            raise serializers.ValidationError({"user": [_("No such person.")]})
        membership = services.membership_grant(
            actor=request.user, user=person, organization=organization, role=grant.validated_data["role"]
        )
        return Response(MembershipSerializer(membership, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.membership_end(membership=instance, actor=self.request.user)
