"""The credentials area's API: verification, open to anyone (throttled)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from core.api_scopes import ApiScopePermission
from core.http import over_limit
from credentials import verify
from credentials.views.verification import VERIFY_LIMIT, VERIFY_WINDOW


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
