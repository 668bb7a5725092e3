"""What verifiers fetch, without signing in: each issuing organisation's DID document (at its
did:web address) and its signed status lists. Short-lived caching, with an ETag so a verifier
that polls gets 304 until a list or a key changes."""

import hashlib
import json

from django.http import Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404
from django.db import transaction
from django.views.decorators.http import require_GET

from credentials import keys
from credentials.models import IssuerKey, StatusList
from members.models import Organization

MAX_AGE = 300


def _cached_json(request, document: dict, content_type: str):
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False}, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@transaction.non_atomic_requests
@require_GET
def did_document(request, organization_id: int):
    """The organisation's DID document: every key it has signed with."""
    organization = get_object_or_404(Organization, pk=organization_id)
    if not IssuerKey.objects.filter(organization=organization).exists():
        raise Http404
    return _cached_json(request, keys.did_document(organization), "application/did+json")


@transaction.non_atomic_requests
@require_GET
def status_list(request, organization_id: int, purpose: str, number: int):
    """A signed BitstringStatusListCredential, as of its latest version."""
    status = get_object_or_404(StatusList, organization_id=organization_id, purpose=purpose, number=number)
    if status.document is None:
        raise Http404
    return _cached_json(request, status.document, "application/vc+ld+json")
