"""The public face of credentials: the verify page (paste or upload), a credential's page
by its id (the target of a certificate's QR code) and by its holder's share link."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.http import over_limit
from credentials import verify
from credentials.forms import VerifyForm
from credentials.models import Credential

# Verifications of pasted or uploaded documents per address: each runs the cryptography.
VERIFY_LIMIT, VERIFY_WINDOW = 30, 600


def _public(queryset=None):
    return (queryset if queryset is not None else Credential.objects).select_related("achievement", "issuer", "holder")


def masked_name(name: str) -> str:
    """A holder's name as a public page shows it: the first character, the rest hidden."""
    return name[:1] + "*" * min(max(len(name) - 1, 1), 3)


def verify_url(request, credential) -> str:
    return request.build_absolute_uri(reverse("credentials:verify_issued", args=[credential.uuid]))


def verify_page(request):
    """核验: anyone pastes or uploads a credential and reads every check."""
    result, refusal, status = None, None, 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if over_limit(request, "credential-verify", limit=VERIFY_LIMIT, window=VERIFY_WINDOW):
            form = VerifyForm()
            refusal = _("Too many verifications from your address; please try again in ten minutes.")
            status = 429
        elif form.is_valid():
            result = verify.verify_document(form.cleaned_data["parsed"])
        else:
            status = 400
    else:
        form = VerifyForm()
    return render(request, "credentials/verify.html", {"form": form, "result": result, "refusal": refusal}, status=status)


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


