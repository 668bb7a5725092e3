"""Governance pages: routing of matters — the list (status, body, level, search), a matter's path
as a timeline with the actions open to the viewer (forward, put to the vote, record execution,
withdraw), the secretariat's new matter and its governance settings. Every write is a call to
``services.routing``; what a viewer sees comes from ``access.routing``, anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consortium.governance import access
from consortium.governance.access import routing as rules
from consortium.governance.forms.minutes import VoteDeadlineForm
from consortium.governance.forms.routing import (
    ForwardForm,
    MatterFilterForm,
    MatterForm,
    OutcomeForm,
    SettingsForm,
    WithdrawForm,
)
from consortium.governance.models import Matter, MatterStatus, MatterStep, StepAction
from consortium.governance.services import routing as services
from members.forms import add_service_errors
from members.models import MembershipApplication

PAGE_SIZE = 25


def _governance(request) -> None:
    if not access.can_use_governance(request.user):
        raise Http404


def _secretariat(request) -> None:
    if not rules.can_manage_matters(request.user):
        raise Http404


def _matter(request, pk) -> Matter:
    _governance(request)
    return get_object_or_404(rules.matters_for(request.user).select_related("current_step__body"), pk=pk)


@login_required
def matter_list(request):
    _governance(request)
    form = MatterFilterForm(request.GET or None)
    found = rules.matters_for(request.user).select_related("current_step__body")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            found = found.filter(Q(title__icontains=data["q"]) | Q(description__icontains=data["q"]))
        if data["status"]:
            found = found.filter(status=data["status"])
        if data["body"]:
            found = found.filter(Exists(MatterStep.objects.filter(matter=OuterRef("pk"), body=data["body"])))
        if data["level"]:
            found = found.filter(current_step__level=data["level"])
    page = Paginator(found.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/routing/list.html", {
        "form": form, "page": page, "can_manage": rules.can_manage_matters(request.user)})


@login_required
def matter_detail(request, pk):
    matter = _matter(request, pk)
    user = request.user
    steps = list(matter.steps.select_related("body", "decided_by", "motion").order_by("position"))
    can_manage = rules.can_manage_matters(user)
    step = matter.current_step
    application = matter.subject if (can_manage and matter.subject_type_id is not None
                                     and matter.subject_type.model_class() is MembershipApplication) else None
    return render(request, "governance/routing/detail.html", {
        "matter": matter, "steps": steps, "can_manage": can_manage, "application": application,
        "can_forward": rules.can_forward(user, matter),
        "can_vote": can_manage and matter.status == MatterStatus.IN_PROGRESS and step is not None
        and step.action == StepAction.DECIDE,
        "can_execute": can_manage and matter.status == MatterStatus.EXECUTION,
        "can_withdraw": can_manage and matter.status == MatterStatus.IN_PROGRESS,
    })


@login_required
def matter_create(request):
    _secretariat(request)
    form = MatterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            matter = services.matter_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The matter is opened at %(body)s.") % {"body": form.cleaned_data["body"]})
            return redirect("governance:matter", matter.pk)
    return render(request, "governance/routing/create.html", {"form": form})


@login_required
def matter_forward(request, pk):
    matter = _matter(request, pk)
    if not rules.can_forward(request.user, matter):
        raise Http404
    form = ForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_forward(actor=request.user, matter=matter, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The matter is forwarded to %(body)s.") % {"body": form.cleaned_data["body"]})
            return redirect("governance:matter", matter.pk)
    return render(request, "governance/routing/forward.html", {"form": form, "matter": matter})


@login_required
def matter_vote(request, pk):
    _secretariat(request)
    matter = _matter(request, pk)
    form = VoteDeadlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_put_to_vote(actor=request.user, matter=matter, deadline=form.cleaned_data["deadline"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The matter is put to the written vote of %(body)s.") % {
                "body": matter.current_step.body})
            return redirect("governance:matter", matter.pk)
    return render(request, "governance/routing/vote.html", {"form": form, "matter": matter})


@login_required
def matter_execute(request, pk):
    _secretariat(request)
    matter = _matter(request, pk)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_record_execution(actor=request.user, matter=matter,
                                             outcome_text=form.cleaned_data["outcome_text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The matter is recorded as carried out."))
            return redirect("governance:matter", matter.pk)
    return render(request, "governance/routing/execute.html", {"form": form, "matter": matter})


@login_required
def matter_withdraw(request, pk):
    _secretariat(request)
    matter = _matter(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_withdraw(actor=request.user, matter=matter, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The matter is withdrawn."))
            return redirect("governance:matter", matter.pk)
    return render(request, "governance/routing/withdraw.html", {"form": form, "matter": matter})


@login_required
def routing_settings(request):
    _secretariat(request)
    current = services.settings()
    form = SettingsForm(request.POST or None,
                        initial={"admission_needs_council_vote": current.admission_needs_council_vote})
    if request.method == "POST" and form.is_valid():
        services.settings_update(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The settings are saved."))
        return redirect("governance:routing_settings")
    return render(request, "governance/routing/settings.html", {"form": form})
