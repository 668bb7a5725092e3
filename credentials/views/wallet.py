"""我的凭证: the credentials a signed-in person holds, each with its verification, its signed
file, a PDF certificate and a share link."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from credentials import access, pdf, services, verify
from credentials.forms import WalletFilter
from credentials.models import Credential
from credentials.views.verification import _public, verify_url

WALLET_PAGE_SIZE = 12


def _own(request, uuid) -> Credential:
    return get_object_or_404(_public(access.wallet_of(request.user)), uuid=uuid)


@login_required
def wallet(request):
    """我的凭证: the credentials the signed-in person holds, as cards."""
    if not access.can_open_wallet(request.user):
        raise PermissionDenied
    filters = WalletFilter(request.GET or None)
    credentials = access.wallet_of(request.user).select_related("achievement", "issuer").order_by("-issued_at", "-id")
    if filters.is_valid():
        if filters.cleaned_data["q"]:
            q = filters.cleaned_data["q"]
            credentials = credentials.filter(
                Q(achievement__name__icontains=q) | Q(issuer__name_zh__icontains=q) | Q(issuer__name_en__icontains=q)
            )
        if filters.cleaned_data["status"]:
            credentials = credentials.filter(status=filters.cleaned_data["status"])
    page = Paginator(credentials, WALLET_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "credentials/wallet.html", {"page": page, "filters": filters})


@login_required
def wallet_detail(request, uuid):
    credential = _own(request, uuid)
    return render(request, "credentials/wallet_detail.html", {
        "credential": credential, "result": verify.verify_stored(credential),
        "share_url": request.build_absolute_uri(reverse("credentials:shared", args=[credential.share_token])),
        "verify_url": verify_url(request, credential),
    })


@login_required
def wallet_json(request, uuid):
    """The signed document exactly as issued, as a .json file."""
    credential = _own(request, uuid)
    body = json.dumps(credential.document, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.uuid}.json"'
    return response


@login_required
def wallet_pdf(request, uuid):
    credential = _own(request, uuid)
    response = HttpResponse(pdf.certificate(credential, verify_url=verify_url(request, credential)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{credential.uuid}.pdf"'
    return response


@login_required
@require_POST
def wallet_share(request, uuid):
    """A new share link; the old one stops working."""
    credential = _own(request, uuid)
    services.regenerate_share_token(credential=credential, actor=request.user)
    messages.success(request, _("A new share link was made; the previous link no longer works."))
    return redirect("credentials:wallet_detail", uuid=credential.uuid)
