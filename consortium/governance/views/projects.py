"""Governance pages: projects and funds — the list (filters, search, the budget execution CSV),
a project's page (partners, budget lines with their execution, expenses, milestones, assessment)
and the forms that change them. Every write is a call to ``services.projects``; who sees and does
what comes from ``access.projects``, and anything else answers 404."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortium.governance import access as base
from consortium.governance.access import projects as access
from consortium.governance.forms.projects import (
    CRITERIA_ROWS,
    ApprovalForm,
    AssessmentForm,
    BudgetLineForm,
    ExpenseForm,
    MilestoneForm,
    PartnerForm,
    ProjectFilterForm,
    ProjectForm,
    StatusForm,
)
from consortium.governance.models import (
    Expense,
    Milestone,
    Motion,
    MotionStatus,
    Project,
    ProjectPartner,
    ProjectStatus,
    SPENDING_STATUSES,
)
from consortium.governance.selectors import projects as selectors
from consortium.governance.services import projects as services
from core.files import download
from members.forms import add_service_errors

PAGE_SIZE = 25


def _governance(request) -> None:
    if not base.can_use_governance(request.user):
        raise PermissionDenied


def _manager(request) -> None:
    if not access.can_manage_projects(request.user):
        raise Http404


def _project(request, pk) -> Project:
    return get_object_or_404(access.projects_for(request.user).select_related("lead"), pk=pk)


# --- the list -------------------------------------------------------------------------------


def _filtered(request, form, projects):
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            projects = projects.filter(Q(title__icontains=data["q"]) | Q(code__icontains=data["q"])
                                       | Q(lead__name_zh__icontains=data["q"]))
        if data["kind"]:
            projects = projects.filter(kind=data["kind"])
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["organization"]:
            org = data["organization"].pk
            projects = projects.filter(Q(lead_id=org) | Exists(
                ProjectPartner.objects.filter(project=OuterRef("pk"), organization_id=org)))
    return projects


def _list(request, *, mine: bool):
    _governance(request)
    user = request.user
    form = ProjectFilterForm(request.GET or None)
    projects = access.projects_for(user)
    if mine:
        projects = projects.filter(pk__in=access.participating_project_ids(user))
    projects = _filtered(request, form, projects).select_related("lead").annotate(
        partner_count=Count("partners"))
    projects = selectors.with_execution(projects).order_by("-created_at", "-id")
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    money = access.money_visible_ids(user)
    for project in page:
        project.show_money = money is None or project.pk in money
    return render(request, "governance/projects/project_list.html", {
        "form": form, "page": page, "mine": mine, "can_manage": access.can_manage_projects(user),
        "query": request.GET.urlencode(),
    })


@login_required
def project_list(request):
    return _list(request, mine=False)


@login_required
def project_list_mine(request):
    return _list(request, mine=True)


@login_required
def execution_export(request):
    """The budget execution of every project whose money the person reads (filtered as the list is),
    one row per budget line, as CSV for Excel."""
    _governance(request)
    form = ProjectFilterForm(request.GET or None)
    projects = _filtered(request, form, access.money_projects_for(request.user))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="budget-execution-{timezone.localdate():%Y%m%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so that Excel reads it as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("project code"), _("title"), _("lead organisation"), _("status"), _("source of funds"),
                     _("budget line"), _("budget (yuan)"), _("spent (yuan)"), _("remaining (yuan)"),
                     _("share spent (%)")])
    for line in selectors.execution_rows(projects):
        project = line.project
        writer.writerow([project.code, project.title, project.lead.name, project.get_status_display(),
                         line.get_source_display(), line.title, line.amount, line.spent, line.remaining, line.share])
    return response


# --- a project --------------------------------------------------------------------------------


@login_required
def project_detail(request, pk):
    _governance(request)
    user = request.user
    try:
        project = selectors.project_with_execution(
            access.projects_for(user).select_related("assessment__body", "assessment__assessed_by"), pk)
    except Project.DoesNotExist:
        raise Http404 from None
    context = {
        "project": project,
        "partners": list(project.partners.select_related("organization").order_by("organization__name_zh")),
        "milestones": list(project.milestones.select_related("done_by")),
        "assessment": project.assessment if hasattr(project, "assessment") else None,
        "can_manage": access.can_manage_projects(user),
        "can_record": access.can_record(user, project),
        "can_assess": access.can_assess(user) and project.status != ProjectStatus.PROPOSED,
        "can_see_money": access.can_see_money(user, project),
        "spending": project.status in SPENDING_STATUSES,
        "today": timezone.localdate(),
    }
    if context["assessment"] is not None:
        context["scores"] = list(context["assessment"].scores.all())
    if context["can_see_money"]:
        context["lines"] = selectors.line_execution(project)
        context["sources"] = selectors.sources_of(project)
        expenses = Expense.objects.filter(line__project=project).select_related("line", "authorised_by", "recorded_by")
        context["expenses"] = Paginator(expenses, PAGE_SIZE).get_page(request.GET.get("page"))
    if context["can_manage"] and project.status == ProjectStatus.PROPOSED:
        context["motions"] = list(Motion.objects.filter(
            subject_type__app_label="governance", subject_type__model="project", subject_id=project.pk,
        ).exclude(status=MotionStatus.WITHDRAWN).order_by("-created_at"))
    if context["can_manage"]:
        context["next_statuses"] = [ProjectStatus(s) for s in services.NEXT_STATUSES.get(project.status, ())]
    return render(request, "governance/projects/project_detail.html", context)


def _project_form(request, project=None):
    editing = project is not None
    initial = None
    if editing:
        initial = {"code": project.code, "title": project.title, "kind": project.kind, "lead": project.lead,
                   "description": project.description, "starts_on": project.starts_on, "ends_on": project.ends_on,
                   "is_public": project.is_public}
    form = ProjectForm(request.POST if request.method == "POST" else None, initial=initial, editing=editing)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if editing:
                data.pop("code")
                project = services.update_project(project=project, actor=request.user, **data)
            else:
                project = services.create_project(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("governance:project", project.pk)
    return render(request, "governance/projects/project_form.html", {"form": form, "project": project})


@login_required
def project_create(request):
    _manager(request)
    return _project_form(request)


@login_required
def project_edit(request, pk):
    _manager(request)
    return _project_form(request, _project(request, pk))


@login_required
def partners(request, pk):
    _manager(request)
    project = _project(request, pk)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_partner(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partner is added."))
            return redirect("governance:project_partners", project.pk)
    return render(request, "governance/projects/partners.html", {
        "project": project, "form": form,
        "partners": list(project.partners.select_related("organization").order_by("organization__name_zh"))})


@login_required
def partner_remove(request, pk, partner):
    _manager(request)
    project = _project(request, pk)
    partner = get_object_or_404(project.partners.select_related("organization"), pk=partner)
    if request.method == "POST":
        services.remove_partner(partner=partner, actor=request.user)
        messages.success(request, _("%(organization)s is no longer a partner.") % {
            "organization": partner.organization.name})
        return redirect("governance:project_partners", project.pk)
    return render(request, "governance/projects/partner_remove.html", {"project": project, "partner": partner})


@login_required
def line_create(request, pk):
    _manager(request)
    project = _project(request, pk)
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_budget_line(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line is added."))
            return redirect("governance:project", project.pk)
    return render(request, "governance/projects/simple_form.html", {
        "project": project, "form": form, "heading": _("New budget line")})


@login_required
def expense_create(request, pk):
    _governance(request)
    project = _project(request, pk)
    if not access.can_record(request.user, project):
        raise Http404
    form = ExpenseForm(request.POST or None, request.FILES or None, project=project,
                       initial={"line": request.GET.get("line"), "spent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_expense(line=data["line"], actor=request.user, amount=data["amount"],
                                    spent_on=data["spent_on"], description=data["description"],
                                    evidence=data["evidence"], authorised_by=data["authorised_by"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The expense is recorded."))
            return redirect("governance:project", project.pk)
    return render(request, "governance/projects/simple_form.html", {
        "project": project, "form": form, "heading": _("Record an expense"), "multipart": True,
        "lines": selectors.line_execution(project)})


@login_required
def evidence(request, pk):
    """An expense's evidence file, for those who read the project's money."""
    _governance(request)
    expense = get_object_or_404(access.expenses_for(request.user).exclude(evidence=""), pk=pk)
    return download(expense.evidence, name=expense.evidence_name, content_type=expense.evidence_type,
                    fallback=f"evidence-{expense.pk}{expense.evidence.name[expense.evidence.name.rfind('.'):]}")


@login_required
def milestone_create(request, pk):
    _manager(request)
    project = _project(request, pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_milestone(project=project, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone is added."))
        return redirect("governance:project", project.pk)
    return render(request, "governance/projects/simple_form.html", {
        "project": project, "form": form, "heading": _("New milestone")})


@login_required
@require_POST
def milestone_done(request, pk):
    _governance(request)
    milestone = get_object_or_404(Milestone.objects.filter(project__in=access.projects_for(request.user))
                                  .select_related("project"), pk=pk)
    if not access.can_record(request.user, milestone.project):
        raise Http404
    try:
        services.complete_milestone(milestone=milestone, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(milestone)s” is marked done.") % {"milestone": milestone.title})
    return redirect("governance:project", milestone.project_id)


@login_required
def assess(request, pk):
    _governance(request)
    project = _project(request, pk)
    if not access.can_assess(request.user):
        raise Http404
    initial = None
    existing = project.assessment if hasattr(project, "assessment") else None
    if existing is not None:
        initial = {"result": existing.result, "comment": existing.comment}
        for n, score in enumerate(existing.scores.all()[:CRITERIA_ROWS], start=1):
            initial.update({f"criterion_{n}": score.criterion, f"score_{n}": score.score,
                            f"max_{n}": score.max_score, f"note_{n}": score.comment})
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assess_project(project=project, actor=request.user, result=form.cleaned_data["result"],
                                    comment=form.cleaned_data["comment"], scores=form.scores())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("governance:project", project.pk)
    return render(request, "governance/projects/assess.html", {"project": project, "form": form,
                                                                "rows": range(1, CRITERIA_ROWS + 1)})


@login_required
def approval(request, pk):
    """The secretariat puts a proposed project to the council, or links the resolution that approved it."""
    _manager(request)
    project = _project(request, pk)
    if project.status != ProjectStatus.PROPOSED:
        messages.info(request, _("This project is approved already."))
        return redirect("governance:project", project.pk)
    form = ApprovalForm(request.POST if request.POST.get("action") == "link" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "propose":
                services.propose_for_approval(project=project, actor=request.user)
                messages.success(request, _("The project is put to the council as a motion."))
                return redirect("governance:project", project.pk)
            if form.is_valid():
                services.approve_with_resolution(project=project, actor=request.user,
                                                 resolution=form.cleaned_data["resolution"])
                messages.success(request, _("The project is approved by resolution %(number)s.") % {
                    "number": form.cleaned_data["resolution"].number})
                return redirect("governance:project", project.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "governance/projects/approval.html", {"project": project, "form": form})


@login_required
@require_POST
def status_change(request, pk):
    _manager(request)
    project = _project(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            project = services.change_status(project=project, actor=request.user, status=form.cleaned_data["status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The project is now %(status)s.") % {"status": project.get_status_display()})
    else:
        messages.error(request, _("Choose a status."))
    return redirect("governance:project", project.pk)
