"""Plans' pages: the plans by year and kind with their completion, one plan with its items, and
the writes — the secretariat creates, edits and adopts a plan and writes its items; an item's
owners update its status and completion. Every write is a call to ``services.plans``; anything
outside the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consortium.governance.access import plans as access
from consortium.governance.forms.plans import AdoptForm, PlanFilterForm, PlanForm, PlanItemForm, PlanItemProgressForm
from consortium.governance.models import PlanStatus
from consortium.governance.services import plans as services
from members.forms import add_service_errors

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_plans(request.user):
        raise Http404


def _manager(request) -> None:
    if not access.can_manage_plans(request.user):
        raise Http404


def _plan(request, pk):
    _reader(request)
    return get_object_or_404(access.plans_for(request.user).select_related("resolution"), pk=pk)


@login_required
def plan_list(request):
    _reader(request)
    form = PlanFilterForm(request.GET or None)
    plans = access.plans_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            plans = plans.filter(Q(title__icontains=data["q"]) | Q(description__icontains=data["q"]))
        if data["year"]:
            plans = plans.filter(year=data["year"])
        if data["kind"]:
            plans = plans.filter(kind=data["kind"])
    plans = plans.with_completion().select_related("resolution").order_by("-year", "kind", "pk")
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/plans/list.html", {
        "form": form, "page": page, "can_manage": access.can_manage_plans(request.user),
    })


@login_required
def plan_detail(request, pk):
    _reader(request)
    plan = get_object_or_404(access.plans_for(request.user).with_completion().select_related("resolution"), pk=pk)
    items = list(plan.items.select_related("owner", "resolution").order_by("position"))
    editable = set(access.editable_plan_items(request.user).filter(plan=plan).values_list("pk", flat=True))
    for item in items:
        item.can_update = item.pk in editable
    return render(request, "governance/plans/detail.html", {
        "plan": plan, "items": items, "can_manage": access.can_manage_plans(request.user),
    })


def _plan_form(request, plan=None):
    initial = None
    if plan is not None:
        initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = PlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.PLAN_FIELDS}
        try:
            if plan is None:
                plan = services.plan_create(actor=request.user, **fields)
            else:
                services.plan_update(plan=plan, actor=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("governance:plan", plan.pk)
    return render(request, "governance/plans/form.html", {"form": form, "plan": plan})


@login_required
def plan_create(request):
    _manager(request)
    return _plan_form(request)


@login_required
def plan_edit(request, pk):
    _manager(request)
    return _plan_form(request, _plan(request, pk))


@login_required
def plan_adopt(request, pk):
    """Confirm: the plan is adopted, with the resolution that adopted it if any."""
    _manager(request)
    plan = _plan(request, pk)
    if plan.status == PlanStatus.ADOPTED:
        messages.error(request, _("The plan is already adopted."))
        return redirect("governance:plan", pk)
    form = AdoptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_adopt(plan=plan, actor=request.user, resolution=form.cleaned_data["resolution"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan is adopted."))
            return redirect("governance:plan", pk)
    return render(request, "governance/plans/adopt.html", {"form": form, "plan": plan})


@login_required
def plan_item_create(request, pk):
    _manager(request)
    plan = _plan(request, pk)
    form = PlanItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The item is added to the plan."))
            return redirect("governance:plan", pk)
    return render(request, "governance/plans/item_form.html", {"form": form, "plan": plan, "item": None})


@login_required
def plan_item_edit(request, pk):
    """The secretariat edits every field of the item; its owners its status and completion."""
    _reader(request)
    item = get_object_or_404(access.plan_items_for(request.user).select_related("plan", "owner"), pk=pk)
    if not access.can_update_item(request.user, item):
        raise Http404
    full = access.can_manage_plans(request.user)
    data = request.POST if request.method == "POST" else None
    if full:
        form = PlanItemForm(data, initial={name: getattr(item, name) for name in services.PLAN_ITEM_FIELDS})
    else:
        form = PlanItemProgressForm(data, initial={"status": item.status, "percent": item.percent})
    if request.method == "POST" and form.is_valid():
        try:
            if full:
                services.plan_item_update(item=item, actor=request.user, **form.cleaned_data)
            else:
                services.plan_item_progress(item=item, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("governance:plan", item.plan_id)
    return render(request, "governance/plans/item_form.html", {"form": form, "plan": item.plan, "item": item})
