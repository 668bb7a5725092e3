"""API for credentials, under the same access rules as the pages: everyone reads the credentials
they hold and those their school issued; a school's administrators (and its API keys with
``credentials:write``) issue, revoke, suspend and reinstate."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin
from credentials import access, services
from credentials.models import Credential, CredentialStatus



class CredentialSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    achievement_name = serializers.CharField(source="achievement.__str__", read_only=True)
    issuer_name = serializers.CharField(source="issuer.name_zh", read_only=True)
    document = serializers.JSONField(read_only=True, help_text="The signed OpenBadgeCredential, as issued.")

    class Meta:
        model = Credential
        fields = ["id", "achievement", "achievement_name", "issuer", "issuer_name", "holder", "issued_at",
                  "valid_until", "status", "status_reason", "status_changed_at", "log_index", "digest", "document"]
        read_only_fields = fields


class IssueSerializer(serializers.Serializer):
    """Issue one credential of an achievement of the school to one of its students."""

    achievement = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    holder = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class StatusSerializer(serializers.Serializer):
    """Revoke (for good), suspend, or reinstate (``active``) a suspended credential."""

    status = serializers.ChoiceField(choices=CredentialStatus.choices)
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class CredentialFilter(FilterSet):
    class Meta:
        model = Credential
        fields = ["achievement", "issuer", "holder", "status"]


class CredentialViewSet(ScopedQuerysetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """可信凭证: the credentials the caller holds or their school issued."""

    api_part = "credentials"
    queryset = Credential.objects.select_related("achievement", "issuer").order_by("-issued_at", "-id")
    scope = staticmethod(access.credentials_for)
    serializer_class = CredentialSerializer
    filterset_class = CredentialFilter
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f-]{36}"
    ordering_fields = ["issued_at"]

    @extend_schema(request=IssueSerializer, responses={201: CredentialSerializer})
    def create(self, request, *args, **kwargs):
        data = IssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        achievement = access.achievements_for(request.user).filter(
            pk=data.validated_data["achievement"]).select_related("issuer").first()
        # Refused before the person is looked at, so that no one learns who studies where.
        if achievement is None or not access.can_issue(request.user, achievement.issuer):
            raise PermissionDenied
        holder = access.eligible_holders(achievement).filter(pk=data.validated_data["holder"]).first()
        if holder is None:
            raise serializers.ValidationError({"holder": [_("No such student of the school.")]})
        credential = services.issue_credential(achievement=achievement, holder=holder, actor=request.user)
        return Response(CredentialSerializer(credential, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusSerializer, responses={200: CredentialSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, uuid=None):
        credential = self.get_object()
        if not access.can_change_status(request.user, credential):
            raise PermissionDenied
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        credential = services.set_status(credential=credential, actor=request.user,
                                         status=data.validated_data["status"], reason=data.validated_data["reason"])
        return Response(CredentialSerializer(credential, context=self.get_serializer_context()).data)



