"""API for credentials, under the same access rules as the pages: everyone reads the credentials
they hold and those their school issued; a school's administrators (and its API keys with
``credentials:write``) issue, revoke, suspend and reinstate. Verification is open to anyone
(throttled)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from core.api import MAX_ID, FilterSet, ScopedQuerysetMixin
from core.api_scopes import ApiScopePermission
from core.http import over_limit
from credentials import access, services, verify
from credentials.models import Credential, CredentialStatus
from credentials.views.verification import VERIFY_LIMIT, VERIFY_WINDOW


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


# --- verification: anyone ------------------------------------------------------------------------


@extend_schema_field({"type": "object", "additionalProperties": True,
                      "description": "The credential: a W3C Verifiable Credential as a JSON object."})
class CredentialDocumentField(serializers.JSONField):
    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(_("A credential is a JSON object."))
        return super().to_internal_value(data)


class VerifyRequestSerializer(serializers.Serializer):
    credential = CredentialDocumentField()


class CheckSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=verify.CHECK_ORDER)
    outcome = serializers.ChoiceField(choices=["passed", "failed", "not_checked"])
    code = serializers.CharField(help_text="Stable, for programs: status.revoked, signature.mismatch …")
    reason = serializers.CharField(help_text="For people, in the request's language.")
    detail = serializers.CharField(help_text="Technical, in English; may be empty.")


class IssuerSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The issuer's DID.")
    name = serializers.CharField()


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField(help_text="Every check passed.")
    verdict = serializers.ChoiceField(choices=["valid", "revoked", "suspended", "expired", "unknown_issuer", "invalid"])
    credential_id = serializers.CharField(allow_null=True, help_text="The id of the credential the portal issued.")
    issuer = IssuerSerializer(allow_null=True)
    log_index = serializers.IntegerField(allow_null=True, help_text="Its entry in the transparency log.")
    checkpoint_size = serializers.IntegerField(allow_null=True, help_text="The signed checkpoint it was proved in.")
    checks = CheckSerializer(many=True)


class VerifyThrottle(AnonRateThrottle):
    scope = "credential_verify"
    rate = "30/minute"


class CredentialVerifyViewSet(viewsets.ViewSet):
    """核验: send a credential, read every check. Anyone may call it, without a key."""

    # Anyone, signed in or not; an API key needs the credentials part in its scopes, as for
    # every other call that sends a body.
    permission_classes = [permissions.AllowAny, ApiScopePermission]
    throttle_classes = [VerifyThrottle]
    parser_classes = [JSONParser]
    api_part = "credentials"

    @extend_schema(
        request=VerifyRequestSerializer,
        responses={200: VerificationSerializer, 400: OpenApiResponse(description="Not JSON, or larger than 256 KB.")},
        summary="Verify a credential",
        description="Checks form, signature, issuer (a member, its key in force at signing), status (revoked or "
                    "suspended), validity period and inclusion in the transparency log. A valid signature on a "
                    "revoked credential is not valid: `valid` is true only when every check passed.",
        tags=["credentials"],
    )
    def create(self, request):
        if len(request.body) > verify.MAX_DOCUMENT_BYTES:
            raise ValidationError({"credential": [_(
                "It is larger than %(size)s KB; a credential is much smaller.") % {
                    "size": verify.MAX_DOCUMENT_BYTES // 1024}]})
        if over_limit(request, "credential-verify-api", limit=VERIFY_LIMIT, window=VERIFY_WINDOW):
            raise Throttled(wait=VERIFY_WINDOW)
        given = VerifyRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        result = verify.verify_document(given.validated_data["credential"])
        return Response(result.as_json(), status=status.HTTP_200_OK)
