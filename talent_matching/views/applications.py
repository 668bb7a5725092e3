"""Pages of applications (求职申请): the student's 'my applications' and applying; the
enterprise's applications to its postings and inviting; the school's read-only view of its
students' applications; one page per application with its history, messages and the steps the
viewer may take. Every write is a call to ``talent_matching.services.applications``; what the
viewer sees comes from ``talent_matching.access``, and anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import is_secretariat
from members.forms import add_service_errors
from talent_matching import access
from talent_matching.forms.applications import (
    ApplicationFilterForm,
    ApplyForm,
    InterviewForm,
    InviteForm,
    MessageForm,
    ReceivedFilterForm,
    StepForm,
)
from talent_matching.models import CLOSED_STAGES, Application, ApplicationStage, StudentProfile, Visibility
from talent_matching.services import applications as services

PAGE_SIZE = 25
LIST_RELATED = ("posting__organization", "profile__student", "profile__school", "profile__major")


def _filtered(request, form, applications, *, search):
    if form.is_valid():
        stage = form.cleaned_data["stage"]
        if stage == "open":
            applications = applications.exclude(stage__in=CLOSED_STAGES)
        elif stage:
            applications = applications.filter(stage=stage)
        q = form.cleaned_data["q"].strip()
        if q:
            applications = applications.filter(search(q))
        if "posting" in form.cleaned_data and form.cleaned_data["posting"]:
            applications = applications.filter(posting=form.cleaned_data["posting"])
    applications = applications.select_related(*LIST_RELATED).order_by("-updated_at", "-pk")
    return Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))


def _posting_search(q):
    return Q(posting__title__icontains=q) | Q(posting__organization__name_zh__icontains=q) | Q(
        posting__organization__name_en__icontains=q)


def _student_search(q):
    return Q(profile__student__full_name__icontains=q) | Q(profile__student__username__iexact=q) | Q(
        posting__title__icontains=q)


# --- the student -------------------------------------------------------------------------------


@login_required
def my_applications(request):
    """我的申请: the student's applications and invitations, filtered by stage."""
    if not access.can_apply(request.user):
        raise Http404
    form = ApplicationFilterForm(request.GET or None)
    own = access.applications_for(request.user).filter(profile__student=request.user)
    page = _filtered(request, form, own, search=_posting_search)
    invited = own.filter(stage=ApplicationStage.INVITED).count()
    return render(request, "talent_matching/applications/my_list.html",
                  {"form": form, "page": page, "invited": invited})


@login_required
def application_apply(request, posting_pk):
    """Apply to a posting: says plainly that the enterprise then sees the profile."""
    if not access.can_apply(request.user):
        raise Http404
    posting = get_object_or_404(access.postings_for(request.user).select_related("organization"), pk=posting_pk)
    profile = StudentProfile.objects.filter(student=request.user).first()
    existing = Application.objects.filter(posting=posting, profile=profile).first() if profile else None
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_apply(posting=posting, actor=request.user,
                                                     note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("You have applied. %(enterprise)s now sees your profile for this "
                                        "application.") % {"enterprise": posting.organization.name})
            return redirect("talent:application_detail", application.pk)
    return render(request, "talent_matching/applications/apply.html", {
        "form": form, "posting": posting, "profile": profile, "existing": existing,
        "hidden": profile is None or profile.visibility == Visibility.NOBODY,
        "only_applied": profile is not None and profile.visibility == Visibility.APPLIED,
        "profile_url": _url("talent:profile_edit") or _url("talent:my_profile"),
        "posting_url": _url("talent:posting_detail", posting.pk),
    })


# --- the enterprise ----------------------------------------------------------------------------


@login_required
def received_applications(request):
    """Applications to the enterprise's postings, by posting and stage, searched by student."""
    if not access.can_view_received_applications(request.user):
        raise Http404
    enterprises = access.enterprise_ids(request.user)
    postings = access.postings_for(request.user).filter(organization_id__in=enterprises).order_by("title", "pk")
    form = ReceivedFilterForm(request.GET or None, postings=postings)
    received = access.applications_for(request.user).filter(posting__organization_id__in=enterprises)
    page = _filtered(request, form, received, search=_student_search)
    return render(request, "talent_matching/applications/received_list.html", {"form": form, "page": page})


@login_required
def application_invite(request, posting_pk, profile_pk):
    """Invite a student whose profile the enterprise sees to apply to one of its postings."""
    posting = get_object_or_404(access.postings_for(request.user).select_related("organization"), pk=posting_pk)
    if not access.can_edit_posting(request.user, posting):
        raise Http404
    profile = get_object_or_404(access.profiles_for(request.user).select_related(
        "student", "school", "major"), pk=profile_pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_invite(posting=posting, profile=profile, actor=request.user,
                                                      note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied:
            raise Http404
        else:
            messages.success(request, _("The invitation is sent. The student sees it in their applications."))
            return redirect("talent:application_detail", application.pk)
    existing = Application.objects.filter(posting=posting, profile=profile).first()
    return render(request, "talent_matching/applications/invite.html",
                  {"form": form, "posting": posting, "profile": profile, "existing": existing})


# --- the school --------------------------------------------------------------------------------


@login_required
def school_applications(request):
    """The applications of the school's students, read-only (the secretariat: every school's)."""
    if not access.can_view_school_applications(request.user):
        raise Http404
    seen = access.applications_for(request.user)
    if not is_secretariat(request.user):
        seen = seen.filter(profile__school_id__in=access.school_ids(request.user))
    form = ApplicationFilterForm(request.GET or None)

    def search(q):
        return _student_search(q) | _posting_search(q)

    page = _filtered(request, form, seen, search=search)
    return render(request, "talent_matching/applications/school_list.html", {"form": form, "page": page})


# --- one application ---------------------------------------------------------------------------


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _get(request, pk):
    return get_object_or_404(access.applications_for(request.user).select_related(*LIST_RELATED), pk=pk)


@login_required
def application_detail(request, pk):
    application = _get(request, pk)
    side = access.application_side(request.user, application)
    # The profile's page, where the profiles part has one and the viewer may see the profile now.
    full_profile = access.profiles_for(request.user).filter(pk=application.profile_id).exists()
    profile_url = _url("talent:profile_detail", application.profile_id) if full_profile else ""
    return render(request, "talent_matching/applications/detail.html", {
        "application": application, "side": side,
        "events": application.events.select_related("actor"),
        "messages_list": application.messages.select_related("author"),
        "actions": [(action, services.action_label(action, application))
                    for action in services.actions_for(request.user, application)],
        "can_write": side in ("student", "enterprise"),
        "message_form": MessageForm(),
        "profile_url": profile_url,
        "posting_url": _url("talent:posting_detail", application.posting_id),
        "skills": application.profile.skills.select_related("skill") if full_profile and side != "student" else [],
    })


@login_required
def application_step(request, pk, action):
    """A step (shortlist, interview, offer, reject, accept, decline, withdraw), confirmed on its
    own page with a note (and the interview's time and place)."""
    application = _get(request, pk)
    if action not in services.ACTIONS or action == "place":
        raise Http404
    form_class = InterviewForm if action == "interview" else StepForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.application_transition(
                application=application, action=action, actor=request.user, note=data["note"],
                interview_at=data.get("interview_at"), interview_place=data.get("interview_place", ""))
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # refused from this stage: say why on the application
                messages.error(request, " ".join(error.messages))
                return redirect("talent:application_detail", application.pk)
            add_service_errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not take this step."))
            return redirect("talent:application_detail", application.pk)
        else:
            application.refresh_from_db()
            messages.success(request, _("Done: the application is now at the stage “%(stage)s”. The other side "
                                        "is told by e-mail.") % {"stage": application.get_stage_display()})
            return redirect("talent:application_detail", application.pk)
    allowed = action in services.actions_for(request.user, application)
    return render(request, "talent_matching/applications/step.html", {
        "application": application, "action": action, "label": services.action_label(action, application),
        "form": form,
        "allowed": allowed, "side": access.application_side(request.user, application),
    })


@login_required
@require_POST
def application_message(request, pk):
    application = _get(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.application_message_send(application=application, actor=request.user,
                                              body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your message is sent."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect(reverse("talent:application_detail", args=[application.pk]) + "#messages")
