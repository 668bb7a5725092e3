"""Pages of the credentials area: the public verify page and a credential's public views
(by its id, from a QR code; by its share link), and the holder's wallet (我的凭证)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import over_limit
from django.contrib import messages
from credentials import access, pdf, services, verify
from credentials.forms import VerifyForm, WalletFilter
from credentials.models import Credential

# Verifications of pasted or uploaded documents per address: each runs the cryptography.
VERIFY_LIMIT, VERIFY_WINDOW = 30, 600
WALLET_PAGE_SIZE = 12


def _public(queryset=None):
    return (queryset or Credential.objects).select_related("achievement", "issuer", "holder")


def masked_name(name: str) -> str:
    """A holder's name as a public page shows it: the first character, the rest hidden."""
    return name[:1] + "*" * min(max(len(name) - 1, 1), 3)


def verify_url(request, credential) -> str:
    return request.build_absolute_uri(reverse("credentials:verify_issued", args=[credential.uuid]))


def verify_page(request):
    """核验: anyone pastes or uploads a credential and reads every check."""
    result, status = None, 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if over_limit(request, "credential-verify", limit=VERIFY_LIMIT, window=VERIFY_WINDOW):
            form = VerifyForm()
            form.add_error(None, _("Too many verifications from your address; please try again in ten minutes."))
            status = 429
        elif form.is_valid():
            result = verify.verify_document(form.cleaned_data["parsed"])
        else:
            status = 400
    else:
        form = VerifyForm()
    return render(request, "credentials/verify.html", {"form": form, "result": result}, status=status)


def verify_issued(request, uuid):
    """The target of a certificate's QR code: the stored credential, verified now."""
    credential = get_object_or_404(_public(), uuid=uuid)
    return render(request, "credentials/verify_result.html", {
        "credential": credential, "result": verify.verify_stored(credential),
        "holder_name": masked_name(credential.holder.display_name), "shared": False,
    })


def shared(request, token):
    """A credential its holder shares by link: who holds it, and its verification."""
    credential = get_object_or_404(_public(), share_token=token)
    return render(request, "credentials/verify_result.html", {
        "credential": credential, "result": verify.verify_stored(credential),
        "holder_name": credential.holder.display_name, "shared": True,
    })


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
