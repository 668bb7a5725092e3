"""Action items' pages: every action item the person may read (filtered by status, owner,
overdue and resolution, searched), their organisation's, one item with its progress notes, and
the writes — the secretariat creates an item from a resolution, edits, cancels and reopens it;
the owners add progress notes and mark it done. Every write is a call to
``services.actions``; anything outside the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance.access import actions as access
from consortium.governance.forms.actions import ActionFilterForm, ActionItemForm, CancelForm, CompleteForm, NoteForm
from consortium.governance.models import ActionItem, Resolution
from consortium.governance.services import actions as services
from members.forms import add_service_errors
from members.models import Organization

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_actions(request.user):
        raise Http404


def _manager(request) -> None:
    if not access.can_manage_actions(request.user):
        raise Http404


def _item(request, pk) -> ActionItem:
    _reader(request)
    return get_object_or_404(access.action_items_for(request.user).select_related(
        "resolution", "owner", "responsible", "created_by"), pk=pk)


def _list(request, items, *, mine: bool):
    owners = None
    if mine:
        owners = Organization.objects.filter(pk__in=access.owner_organization_ids(request.user)).order_by("name_zh")
    form = ActionFilterForm(request.GET or None, owners=owners)
    resolution = None
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            items = items.filter(Q(title__icontains=data["q"]) | Q(resolution__number__icontains=data["q"])
                                 | Q(owner__name_zh__icontains=data["q"]))
        if data["status"]:
            items = items.filter(status=data["status"])
        if data["owner"]:
            items = items.filter(owner=data["owner"])
        if data["overdue"]:
            items = items.overdue()
        if data["resolution"]:
            resolution = Resolution.objects.filter(pk=data["resolution"]).first()
            items = items.filter(resolution_id=data["resolution"])
    items = items.select_related("resolution", "owner", "responsible").order_by("due_on", "pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/actions/list.html", {
        "form": form, "page": page, "mine": mine, "resolution": resolution, "today": timezone.localdate(),
        "can_manage": access.can_manage_actions(request.user),
    })


@login_required
def action_list(request):
    _reader(request)
    return _list(request, access.action_items_for(request.user), mine=False)


@login_required
def action_list_mine(request):
    """The action items of the organisations this person answers for."""
    _reader(request)
    owned = access.owner_organization_ids(request.user)
    return _list(request, access.action_items_for(request.user).filter(owner_id__in=owned), mine=True)


@login_required
def action_detail(request, pk):
    item = _item(request, pk)
    user = request.user
    return render(request, "governance/actions/detail.html", {
        "item": item, "notes": item.notes.select_related("author"),
        "can_edit": access.can_edit_action(user, item), "can_report": access.can_report_on(user, item),
        "can_reopen": access.can_reopen(user, item), "note_form": NoteForm(),
    })


def _form_page(request, *, resolution, item=None):
    initial = None
    if item is not None:
        initial = {"title": item.title, "description": item.description, "owner": item.owner_id,
                   "responsible": item.responsible_id, "due_on": item.due_on}
    form = ActionItemForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in services.ITEM_FIELDS}
        try:
            if item is None:
                item = services.action_create(resolution=resolution, actor=request.user, **fields)
            else:
                services.action_update(item=item, actor=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action item is saved."))
            return redirect("governance:action", item.pk)
    return render(request, "governance/actions/form.html", {"form": form, "item": item, "resolution": resolution})


@login_required
def action_create(request):
    """A new action item following from the resolution named by ``?resolution=<pk>``."""
    _manager(request)
    try:
        resolution = get_object_or_404(Resolution, pk=int(request.GET.get("resolution", "")))
    except ValueError:
        raise Http404 from None
    return _form_page(request, resolution=resolution)


@login_required
def action_edit(request, pk):
    _manager(request)
    item = _item(request, pk)
    if not item.is_pending:
        messages.error(request, _("A done or cancelled action item can no longer be changed; reopen it first."))
        return redirect("governance:action", pk)
    return _form_page(request, resolution=item.resolution, item=item)


def _step_page(request, item, *, form_class, template, call, done_message):
    form = form_class(request.POST if request.method == "POST" else None) if form_class else None
    error = None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            call(form.cleaned_data if form else {})
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as problem:
            if form is not None and hasattr(problem, "error_dict"):
                add_service_errors(form, problem)
            else:
                error = " ".join(problem.messages)
        else:
            messages.success(request, done_message)
            return redirect("governance:action", item.pk)
    return render(request, template, {"item": item, "form": form, "error": error})


@login_required
def action_note(request, pk):
    item = _item(request, pk)
    if not (access.is_owner(request.user, item) or access.can_manage_actions(request.user)):
        raise Http404
    return _step_page(
        request, item, form_class=NoteForm, template="governance/actions/note.html",
        call=lambda data: services.action_note_add(item=item, actor=request.user, text=data["text"],
                                                   percent=data["percent"]),
        done_message=_("Your progress note is added."))


@login_required
def action_done(request, pk):
    item = _item(request, pk)
    if not (access.is_owner(request.user, item) or access.can_manage_actions(request.user)):
        raise Http404
    return _step_page(
        request, item, form_class=CompleteForm, template="governance/actions/done.html",
        call=lambda data: services.action_complete(item=item, actor=request.user, text=data["text"]),
        done_message=_("The action item is marked done."))


@login_required
def action_cancel(request, pk):
    _manager(request)
    item = _item(request, pk)
    return _step_page(
        request, item, form_class=CancelForm, template="governance/actions/cancel.html",
        call=lambda data: services.action_cancel(item=item, actor=request.user, reason=data["reason"]),
        done_message=_("The action item is cancelled."))


@login_required
def action_reopen(request, pk):
    _manager(request)
    item = _item(request, pk)
    return _step_page(
        request, item, form_class=None, template="governance/actions/reopen.html",
        call=lambda data: services.action_reopen(item=item, actor=request.user),
        done_message=_("The action item is reopened."))
