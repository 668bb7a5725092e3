"""Pages for organisations, people, applications, invitations and one's own account.

Every object is looked up inside what ``members.access`` lets the viewer see, so another
organisation's object answers 404; actions check ``access.can_*`` and answer 403."""

from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.caching import cache_for_visitors, cache_page, cached_fragment
from core.files import download
from core.http import over_limit
from members import access, invitation_import, services
from members.auth import page_viewer
from members.forms import (
    AcceptInvitationForm,
    ApiKeyForm,
    ApplicationCorrectionForm,
    ApplicationForm,
    DecisionForm,
    GrantRoleForm,
    InvitationBatchForm,
    InvitationForm,
    OrganizationFilterForm,
    OrganizationForm,
    ProfileForm,
    ProgressForm,
    ResubmitForm,
    add_service_errors,
)
from members.models import (
    ApplicationAttachment,
    ApplicationStatus,
    Invitation,
    Organization,
    Role,
    User,
    normalize_reference,
)
from members import selectors
from members.selectors import DIRECTORY, organization_directory

PAGE_SIZE = 25
# Progress lookups allowed per address and window (seconds): enough for typing errors, too few to guess.
PROGRESS_LOOKUPS = 10
PROGRESS_WINDOW = 15 * 60


@cache_page(DIRECTORY, viewer_key=page_viewer)
def organization_list(request):
    """成员单位名录: the public directory of member organisations, searchable."""

    def render_directory():
        form = OrganizationFilterForm(request.GET or None)
        if not access.is_secretariat(request.user):
            del form.fields["status"]
        filters = form.cleaned_data if form.is_valid() else {}
        organizations = organization_directory(request.user, **filters)
        page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
        return render_to_string("members/_directory.html", {"form": form, "page": page}, request=request)

    # Everyone who sees the same organisations gets the same directory: render it once.
    directory = cached_fragment(
        DIRECTORY, key=(access.directory_scope(request.user), sorted(request.GET.lists())), render=render_directory
    )
    return render(request, "members/organization_list.html", {"directory": directory})


@cache_for_visitors(DIRECTORY)
def organization_detail(request, pk):
    organization = get_object_or_404(
        access.organizations_for(request.user).select_related("industry", "region__parent"), pk=pk
    )
    return render(
        request,
        "members/organization_detail.html",
        {
            "organization": organization,
            "show_contacts": access.can_see_contacts(request.user, organization),
            "can_edit": access.can_edit_organization(request.user, organization),
            "can_manage_people": access.can_manage_people(request.user, organization),
            "can_manage_api_keys": access.can_manage_api_keys(request.user, organization),
        },
    )


@login_required
def organization_edit(request, pk):
    organization = get_object_or_404(access.organizations_for(request.user), pk=pk)
    if not access.can_edit_organization(request.user, organization):
        raise PermissionDenied
    editable = access.editable_organization_fields(request.user, organization)
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=pk), editable_fields=editable)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                organization=organization, actor=request.user,
                **{name: form.cleaned_data[name] for name in form.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation's details were saved."))
            return redirect(organization)
    return render(request, "members/organization_form.html", {"form": form, "organization": organization})


@login_required
def people(request, pk):
    """An organisation's people and open invitations, for its administrators."""
    organization = get_object_or_404(access.managed_organizations(request.user), pk=pk)
    return _people_page(request, organization)


def _people_page(request, organization, *, form=None, grant_form=None):
    """The people page; after a refused invitation or grant, with that form as it was typed
    and its errors on the fields."""
    query = request.GET.get("q", "").strip()
    kind_roles = [*access.roles_of_kind(organization), *access.STANDING_ROLES]
    role = request.GET.get("role", "")
    role = role if role in kind_roles else ""
    people = selectors.organization_people(request.user, organization, q=query, role=role)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    invitations = selectors.open_invitations(request.user, organization)
    roles = access.grantable_roles(request.user, organization)
    if form is None:
        form = InvitationForm(roles=roles)
    if grant_form is None:
        grant_form = GrantRoleForm(people=selectors.people_of(request.user, organization), roles=roles,
                                   prefix="grant")
    return render(
        request,
        "members/people.html",
        {
            "organization": organization,
            "page": page,
            "query": query,
            "role": role,
            "role_choices": [(value, label) for value, label in Role.choices if value in kind_roles],
            "invitations": invitations,
            "form": form,
            "grant_form": grant_form,
            "can_manage": access.can_manage_people(request.user, organization),
            "can_manage_api_keys": access.can_manage_api_keys(request.user, organization),
        },
    )


@login_required
@require_POST
def invitation_create(request, pk):
    organization = get_object_or_404(access.managed_organizations(request.user), pk=pk)
    if not access.can_manage_people(request.user, organization):
        raise PermissionDenied
    form = InvitationForm(request.POST, roles=access.grantable_roles(request.user, organization))
    if form.is_valid():
        try:
            invitation = services.invitation_create(organization=organization, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("members:people", pk=organization.pk)
    # Shown again as typed, with what is wrong named on its field.
    return _people_page(request, organization, form=form)


@login_required
@require_POST
def membership_grant(request, pk):
    """Another role for a person of the organisation, from the people page."""
    organization = get_object_or_404(access.managed_organizations(request.user), pk=pk)
    form = GrantRoleForm(
        request.POST, people=selectors.people_of(request.user, organization),
        roles=access.grantable_roles(request.user, organization), prefix="grant",
    )
    if form.is_valid():
        try:
            membership = services.membership_grant(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(person)s now has the role %(role)s.") % {
                "person": membership.user.display_name, "role": membership.get_role_display()})
            return redirect("members:people", pk=organization.pk)
    return _people_page(request, organization, grant_form=form)


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(access.invitations_for(request.user).select_related("organization"), pk=pk)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("members:people", pk=invitation.organization_id)


@login_required
@require_POST
def invitation_resend(request, pk):
    invitation = get_object_or_404(access.invitations_for(request.user).select_related("organization"), pk=pk)
    try:
        invitation = services.invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The invitation was sent to %(email)s again, valid until %(date)s.") % {
            "email": invitation.email, "date": date_format(timezone.localtime(invitation.expires_at), "Y-m-d")})
    return redirect("members:people", pk=invitation.organization_id)


def _inviting_organization(request, pk):
    """The organisation whose people the viewer invites: 404 outside those they administer, 403
    when they may not invite there (as for a single invitation)."""
    organization = get_object_or_404(access.managed_organizations(request.user), pk=pk)
    if not access.can_manage_people(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
def invitation_batch(request, pk):
    """批量邀请: invitations for everyone a CSV or XLSX file names, all or none. A refused file
    is answered with every problem, by line and column."""
    organization = _inviting_organization(request, pk)
    form = InvitationBatchForm(request.POST, request.FILES) if request.method == "POST" else InvitationBatchForm()
    problems = []
    if form.is_valid():
        try:
            invitations = invitation_import.invite(
                sheet=form.cleaned_data["file"], organization=organization, actor=request.user
            )
        except ValidationError as error:
            problems = error.messages
        else:
            count = len(invitations)
            messages.success(request, ngettext(
                "%(count)s invitation was sent.", "%(count)s invitations were sent.", count) % {"count": count})
            return redirect("members:people", pk=organization.pk)
    shown = invitation_import.MAX_PROBLEMS_SHOWN
    return render(request, "members/invitation_batch.html", {
        "organization": organization,
        "form": form,
        "problems": problems[:shown],
        "problem_count": len(problems),
        "more_problems": max(0, len(problems) - shown),
        "roles": [(role, Role(role).label) for role in access.grantable_roles(request.user, organization)],
        "max_rows": invitation_import.MAX_ROWS,
        "file_sent": "file" in request.FILES,
    })


@login_required
def invitation_template(request, pk, fmt):
    """The file to fill in for batch invitations, with the roles the viewer may give here."""
    organization = _inviting_organization(request, pk)
    roles = access.grantable_roles(request.user, organization)
    if fmt == "csv":
        response = HttpResponse(invitation_import.template_csv(roles), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(invitation_import.template_xlsx(roles), content_type=invitation_import.XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="invitations.{fmt}"'
    return response


def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organization", "invited_by"), token=token)
    form = AcceptInvitationForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST" and invitation.is_open:
        try:
            if request.user.is_authenticated:
                services.invitation_accept(invitation=invitation, user=request.user)
            elif form.is_valid():
                membership = services.invitation_accept(
                    invitation=invitation, username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
                login(request, membership.user, backend="members.auth.CachedModelBackend")
            else:
                raise ValidationError([])
        except ValidationError as error:
            if form is not None:
                add_service_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Welcome to %(organization)s.") % {"organization": invitation.organization.name}
            )
            return redirect("home")
    return render(request, "members/invitation_accept.html", {"invitation": invitation, "form": form})


@login_required
@require_POST
def membership_end(request, pk):
    membership = get_object_or_404(access.memberships_for(request.user).select_related("organization", "user"), pk=pk)
    if not access.can_manage_people(request.user, membership.organization):
        raise PermissionDenied
    try:
        services.membership_end(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s no longer has the role %(role)s.")
            % {"person": membership.user.display_name, "role": membership.get_role_display()},
        )
    return redirect("members:people", pk=membership.organization_id)


def apply_guide(request):
    """办事指南: who may apply, what is needed, how the secretariat decides and how long it takes."""
    return render(request, "members/apply_guide.html", {
        "max_files": services.ATTACHMENTS_PER_APPLICATION,
        "max_megabytes": services.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "review_days": settings.APPLICATION_REVIEW_DAYS,
    })


def apply(request):
    """入会申请: an organisation applies to join, creating its first administrator."""
    if not access.can_apply_to_join(request.user):
        messages.info(request, _("You already belong to an organisation; its administrator manages its membership."))
        return redirect("home")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_submit(
                organization_fields=form.organization_fields(), username=data["username"],
                password=data["password1"], full_name=data["full_name"], email=data["email"],
                phone=data["phone"], statement=data["statement"], attachments=data["attachments"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, application.applicant, backend="members.auth.CachedModelBackend")
            messages.success(
                request,
                _("Your application was submitted. Its reference number is %(reference)s.")
                % {"reference": application.reference},
            )
            return redirect(application)
    return render(request, "members/apply.html", {"form": form})


@never_cache
def application_progress(request):
    """进度查询: anyone with the reference number and the applicant's or contact's e-mail
    address or phone number follows the application, without signing in. Lookups are
    limited per address, so reference numbers cannot be guessed."""
    form = ProgressForm(request.POST or None, initial={"reference": request.GET.get("reference", "")[:40]})
    application = None
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "application-progress", limit=PROGRESS_LOOKUPS, window=PROGRESS_WINDOW):
            form.add_error(None, _("Too many lookups from your address; please try again in %(minutes)d minutes.")
                           % {"minutes": PROGRESS_WINDOW // 60})
        else:
            application = selectors.application_by_reference(
                form.cleaned_data["reference"], form.cleaned_data["contact"]
            )
            if application is None:
                form.add_error(None, _("No application matches this reference number and e-mail address or "
                                       "phone number. Please check both."))
    return render(request, "members/application_progress.html", {
        "form": form, "application": application,
        "events": application.events.all() if application else (),
    })


@login_required
def application_list(request):
    if not access.can_decide_applications(request.user):
        raise PermissionDenied
    status = request.GET.get("status", ApplicationStatus.PENDING)
    applications = access.applications_for(request.user).select_related(
        "organization", "applicant", "decided_by", "organization__region"
    )
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        applications = applications.filter(
            Q(reference__iexact=normalize_reference(q) or q) | Q(organization__name_zh__icontains=q)
            | Q(organization__credit_code__iexact=q)
        )
    counts = dict(
        access.applications_for(request.user).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/application_list.html",
        {"page": page, "status": status, "statuses": ApplicationStatus.choices, "counts": counts, "q": q},
    )


def _decide(request, application, form) -> None:
    """Carry out a confirmed decision."""
    data = form.cleaned_data
    decide = {
        "approve": services.application_approve,
        "return": services.application_return,
        "reject": services.application_reject,
    }[data["decision"]]
    decide(application=application, actor=request.user, reason=data["reason"])
    messages.success(request, {
        "approve": _("The application was approved; the organisation is now a member. The applicant has been told."),
        "return": _("The application was sent back; the applicant has been told what to change."),
        "reject": _("The application was rejected; the applicant has been told why."),
    }[data["decision"]])


@login_required
def application_detail(request, pk):
    application = get_object_or_404(
        access.applications_for(request.user).select_related(
            "organization__industry", "organization__region", "applicant", "decided_by"
        ),
        pk=pk,
    )
    is_applicant = application.applicant_id == request.user.pk
    can_decide = access.can_decide_applications(request.user) and application.status == ApplicationStatus.PENDING
    decision_form = DecisionForm(request.POST or None) if can_decide else None
    confirming = False
    correction_form = None
    if is_applicant and application.status == ApplicationStatus.RETURNED:
        correction_form = ApplicationCorrectionForm(
            request.POST or None, request.FILES or None, instance=application.organization,
            initial={"statement": application.statement},
        )
    resubmit_form = None
    if application.status == ApplicationStatus.REJECTED and is_applicant:
        latest = application.organization.applications.order_by("-submitted_at", "-id").first()
        if latest == application:
            resubmit_form = ResubmitForm(request.POST or None)
    if request.method == "POST":
        try:
            if decision_form is not None:
                if decision_form.is_valid():
                    if decision_form.cleaned_data["confirmed"]:
                        _decide(request, application, decision_form)
                        return redirect("members:application_list")
                    confirming = True
            elif correction_form is not None:
                if correction_form.is_valid():
                    services.application_correct(
                        application=application, actor=request.user,
                        organization_fields=correction_form.organization_fields(),
                        statement=correction_form.cleaned_data["statement"],
                        attachments=correction_form.cleaned_data["attachments"],
                    )
                    messages.success(request, _("Your corrected application was submitted again."))
                    return redirect(application)
            elif resubmit_form is not None:
                if resubmit_form.is_valid():
                    fresh = services.application_resubmit(
                        application=application, actor=request.user,
                        statement=resubmit_form.cleaned_data["statement"],
                    )
                    messages.success(request, _("Your application was submitted again."))
                    return redirect(fresh)
            else:
                raise PermissionDenied
        except ValidationError as error:
            add_service_errors(decision_form or correction_form or resubmit_form, error)
            confirming = False
    events = application.events.select_related("actor")
    return render(
        request,
        "members/application_detail.html",
        {
            "application": application, "decision_form": decision_form, "confirming": confirming,
            "decision_label": DecisionForm.DECISIONS.get(decision_form.cleaned_data.get("decision")) if confirming else "",
            "correction_form": correction_form, "resubmit_form": resubmit_form, "is_applicant": is_applicant,
            "events": events,
            "attachments": application.attachments.all(),
            "can_download": access.can_decide_applications(request.user),
        },
    )


@login_required
def application_attachment(request, pk):
    """A licence or permit file of an application: for the secretariat's eyes only."""
    if not access.can_decide_applications(request.user):
        raise Http404
    attachment = get_object_or_404(
        ApplicationAttachment.objects.filter(application__in=access.applications_for(request.user)), pk=pk
    )
    return download(
        attachment.file, name=attachment.name, content_type=attachment.content_type,
        fallback=f"licence-{attachment.pk}{PurePath(attachment.name).suffix.lower()}",
    )


@login_required
def account(request):
    """One's own profile and memberships."""
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("members:account")
    memberships = selectors.own_memberships(request.user)
    applications = selectors.own_applications(request.user)
    return render(
        request,
        "members/account.html",
        {
            "form": form,
            "memberships": memberships,
            "applications": applications,
        },
    )


@login_required
@never_cache
def api_keys(request, pk):
    """接口密钥: an organisation's API keys for its partner systems. A new key is shown in
    full once, in the answer to the request that created it, and never again."""
    organization = get_object_or_404(access.managed_organizations(request.user), pk=pk)
    can_manage = access.can_manage_api_keys(request.user, organization)
    form = ApiKeyForm(request.POST or None)
    created = full_key = None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                created, full_key = services.api_key_create(
                    organization=organization, actor=request.user, name=form.cleaned_data["name"],
                    scopes=form.scopes(), expires_at=form.expiry(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                form = ApiKeyForm()
    keys = access.api_keys_for(request.user).filter(organization=organization).select_related(
        "created_by", "revoked_by"
    )
    page = Paginator(keys, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/api_keys.html",
        {
            "organization": organization, "page": page, "form": form, "can_manage": can_manage,
            "created": created, "full_key": full_key,
        },
    )


@login_required
@never_cache
def api_key_revoke(request, pk):
    """Revoke a key, after a confirmation page (no scripts needed)."""
    api_key = get_object_or_404(access.api_keys_for(request.user).select_related("organization", "created_by"), pk=pk)
    if not access.can_manage_api_keys(request.user, api_key.organization):
        raise PermissionDenied
    if request.method == "POST":
        services.api_key_revoke(api_key=api_key, actor=request.user)
        messages.success(
            request,
            _("The API key %(name)s was revoked; systems using it can no longer call the API.") % {"name": api_key},
        )
        return redirect("members:api_keys", pk=api_key.organization_id)
    return render(request, "members/api_key_revoke.html", {"api_key": api_key})
