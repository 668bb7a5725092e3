"""The issuers' pages: a school's achievements (证书类别), issuing one credential or a batch,
the credentials it issued, revoking or suspending one, and its keys.

Every organisation is looked up among those the viewer issues for (``credentials.access``),
so another's answers 404; every write is a service call."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from credentials import access, batch_import, keys, services
from credentials.forms import AchievementForm, BatchForm, CredentialFilterForm, IssueForm, StatusForm
from credentials.models import Achievement, Credential, CredentialStatus, IssuanceBatch, IssuerKey
from members.forms import add_service_errors

PAGE_SIZE = 25
ACTIONS = {
    "revoke": CredentialStatus.REVOKED,
    "suspend": CredentialStatus.SUSPENDED,
    "reinstate": CredentialStatus.ACTIVE,
}


def _organization(request, org):
    return get_object_or_404(access.issuing_organizations(request.user), pk=org)


@login_required
def issuing_home(request):
    """The schools the viewer issues for; a school's administrator goes straight to theirs."""
    if not access.is_issuer(request.user):
        raise PermissionDenied
    organizations = list(access.issuing_organizations(request.user).order_by("name_zh"))
    if len(organizations) == 1 and not access.is_secretariat(request.user):
        return redirect("credentials:issued_list", org=organizations[0].pk)
    return render(request, "credentials/issuing_home.html", {"organizations": organizations})


@login_required
def issued_list(request, org):
    organization = _organization(request, org)
    achievements = Achievement.objects.filter(issuer=organization)
    form = CredentialFilterForm(request.GET or None, achievements=achievements)
    credentials = (
        Credential.objects.filter(issuer=organization)
        .select_related("holder", "achievement")
        .only("uuid", "issued_at", "status", "log_index", "holder__username", "holder__full_name",
              "achievement__name", "achievement__level")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            credentials = credentials.filter(Q(holder__full_name__icontains=data["q"])
                                             | Q(holder__username__iexact=data["q"]))
        if data["achievement"]:
            credentials = credentials.filter(achievement=data["achievement"])
        if data["status"]:
            credentials = credentials.filter(status=data["status"])
    page = Paginator(credentials, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "credentials/issued_list.html", {
        "organization": organization, "form": form, "page": page,
    })


@login_required
def achievement_list(request, org):
    organization = _organization(request, org)
    achievements = Achievement.objects.filter(issuer=organization).order_by("-is_active", "name")
    page = Paginator(achievements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "credentials/achievement_list.html", {"organization": organization, "page": page})


def _achievement_form(request, organization, achievement=None):
    form = AchievementForm(request.POST or None, instance=achievement, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.achievement_save(achievement=form.instance, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The achievement “%(name)s” is saved.") % {"name": form.instance})
            return redirect("credentials:achievement_list", org=organization.pk)
    return render(request, "credentials/achievement_form.html", {
        "organization": organization, "form": form, "achievement": achievement,
    })


@login_required
def achievement_create(request, org):
    return _achievement_form(request, _organization(request, org))


@login_required
def achievement_edit(request, org, pk):
    organization = _organization(request, org)
    achievement = get_object_or_404(Achievement, issuer=organization, pk=pk)
    return _achievement_form(request, organization, achievement)


@login_required
def issue(request, org):
    organization = _organization(request, org)
    achievements = Achievement.objects.filter(issuer=organization, is_active=True)
    holders = access.school_students(organization)
    form = IssueForm(request.POST or None, achievements=achievements, holders=holders,
                     initial={"achievement": request.GET.get("achievement")})
    if request.method == "POST" and form.is_valid():
        try:
            credential = services.issue_credential(achievement=form.cleaned_data["achievement"],
                                                   holder=form.cleaned_data["holder"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The credential is issued and entered in the transparency log."))
            return redirect("credentials:issued_credential", uuid=credential.uuid)
    return render(request, "credentials/issue.html", {"organization": organization, "form": form})


@login_required
def batch_create(request, org):
    organization = _organization(request, org)
    achievements = Achievement.objects.filter(issuer=organization, is_active=True)
    form = BatchForm(request.POST or None, request.FILES or None, achievements=achievements)
    problems = []
    if request.method == "POST" and form.is_valid():
        achievement = form.cleaned_data["achievement"]
        try:
            if form.cleaned_data["source"] == BatchForm.FILE:
                upload = form.cleaned_data["file"]
                holder_ids = batch_import.read_holders(upload.read(batch_import.MAX_BYTES + 1), achievement)
                source = upload.name
            elif form.cleaned_data["source"] == BatchForm.LIST:
                holder_ids = batch_import.read_list(form.cleaned_data["names"], achievement)
                source = _("Students listed")
            else:
                holder_ids = list(access.eligible_holders(achievement).values_list("pk", flat=True))
                source = _("Every student of %(school)s") % {"school": organization}
            batch = services.batch_create(achievement=achievement, actor=request.user, holder_ids=holder_ids,
                                          source=source)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, ngettext(
                "%(count)s credential will be issued.", "%(count)s credentials will be issued.", batch.total,
            ) % {"count": batch.total})
            return redirect("credentials:batch_detail", pk=batch.pk)
    batches = IssuanceBatch.objects.filter(achievement__issuer=organization).select_related("achievement")[:10]
    return render(request, "credentials/batch_create.html", {
        "organization": organization, "form": form, "problems": problems, "batches": batches,
    })


def _batch(request, pk):
    return get_object_or_404(
        IssuanceBatch.objects.select_related("achievement__issuer", "created_by").filter(
            achievement__issuer__in=access.issuing_organizations(request.user)),
        pk=pk,
    )


@login_required
def batch_detail(request, pk):
    batch = _batch(request, pk)
    return render(request, "credentials/batch_detail.html", {
        "batch": batch, "organization": batch.achievement.issuer,
        "running": batch.state in (IssuanceBatch.State.QUEUED, IssuanceBatch.State.RUNNING),
    })


@login_required
@require_GET
def batch_progress(request, pk):
    """The batch's progress for the page to refresh itself."""
    batch = _batch(request, pk)
    return JsonResponse({"state": batch.state, "state_label": batch.get_state_display(), "done": batch.done,
                         "total": batch.total})


def _issued(request, uuid):
    return get_object_or_404(
        access.issued_credentials_for(request.user).select_related("holder", "achievement", "issuer", "key"),
        uuid=uuid,
    )


@login_required
def issued_credential(request, uuid):
    credential = _issued(request, uuid)
    return render(request, "credentials/issued_credential.html", {
        "credential": credential, "organization": credential.issuer,
        "document": json.dumps(credential.document, ensure_ascii=False, indent=2),
        "actions": [
            (name, label) for name, label in (
                ("suspend", _("Suspend")), ("reinstate", _("Reinstate")), ("revoke", _("Revoke")))
            if ACTIONS[name] in services.allowed_statuses(credential)
        ],
    })


@login_required
def credential_status(request, uuid, action):
    credential = _issued(request, uuid)
    if action not in ACTIONS:
        raise Http404
    status = ACTIONS[action]
    form = StatusForm(request.POST or None, status=status)
    if status not in services.allowed_statuses(credential):
        messages.error(request, _("This credential cannot be changed that way."))
        return redirect("credentials:issued_credential", uuid=credential.uuid)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_status(credential=credential, actor=request.user, status=status,
                                reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, {
                "revoke": _("The credential is revoked."), "suspend": _("The credential is suspended."),
                "reinstate": _("The credential is valid again."),
            }[action])
            return redirect("credentials:issued_credential", uuid=credential.uuid)
    titles = {"revoke": _("Revoke the credential"), "suspend": _("Suspend the credential"),
              "reinstate": _("Reinstate the credential")}
    return render(request, "credentials/credential_status.html", {
        "credential": credential, "organization": credential.issuer, "form": form, "action": action,
        "title": titles[action],
    })


@login_required
def key_list(request, org):
    organization = _organization(request, org)
    issuer_keys = IssuerKey.objects.filter(organization=organization).order_by("-created_at").defer(
        "private_key_encrypted")
    return render(request, "credentials/key_list.html", {
        "organization": organization, "keys": issuer_keys, "did": keys.organization_did(organization),
        "did_url": "/orgs/%s/did.json" % organization.pk,
    })


@login_required
def key_rotate(request, org):
    organization = _organization(request, org)
    if not access.can_manage_keys(request.user, organization):
        raise PermissionDenied
    if request.method == "POST":
        key = services.rotate_issuer_key(organization=organization, actor=request.user)
        messages.success(request, _("The new key %(key)s signs from now on; the old one stays published.")
                         % {"key": key.fragment})
        return redirect("credentials:key_list", org=organization.pk)
    return render(request, "credentials/key_rotate.html", {
        "organization": organization, "current": keys.current_key(organization),
    })

