"""Governance pages: bodies and seats. Everyone who may use governance reads the bodies, a body's
current seats and its seat history, and a seat's page; the secretariat sets up bodies (create,
edit, deactivate) and appoints, changes and ends seats; a seat's principal hands the vote to the
alternate. Every write is a call to ``services.bodies``; what a viewer sees comes from
``access.bodies``, and anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance import access as base
from consortium.governance.access import bodies as access
from consortium.governance.forms.bodies import (
    BodyFilterForm,
    BodyForm,
    DelegationForm,
    EndSeatForm,
    OrganizationChoiceForm,
    RepresentativesForm,
    SeatFilterForm,
    SeatForm,
    SeatTermsForm,
)
from consortium.governance.models import Seat
from consortium.governance.services import bodies as services
from members.forms import add_service_errors

PAGE_SIZE = 25


def _governance(request) -> None:
    if not base.can_use_governance(request.user):
        raise PermissionDenied


def _secretariat(request) -> None:
    if not access.can_manage_bodies(request.user):
        raise Http404


def _body(request, pk):
    return get_object_or_404(access.bodies_for(request.user), pk=pk)


def _seat(request, pk):
    return get_object_or_404(access.seats_for(request.user).select_related(
        "body", "organization", "principal", "alternate"), pk=pk)


def _seat_filters(request, seats):
    form = SeatFilterForm(request.GET or None)
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
        if text:
            seats = seats.filter(Q(organization__name_zh__icontains=text) | Q(organization__name_en__icontains=text)
                                 | Q(principal__full_name__icontains=text) | Q(alternate__full_name__icontains=text))
        if form.cleaned_data["kind"]:
            seats = seats.filter(organization__kind=form.cleaned_data["kind"])
        if form.cleaned_data["role"]:
            seats = seats.filter(role=form.cleaned_data["role"])
    return form, seats


# --- bodies ------------------------------------------------------------------------------------


@login_required
def body_list(request):
    _governance(request)
    form = BodyFilterForm(request.GET or None)
    bodies = access.bodies_for(request.user)
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
        if text:
            bodies = bodies.filter(Q(name__icontains=text) | Q(name_en__icontains=text) | Q(code=text))
        if form.cleaned_data["kind"]:
            bodies = bodies.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["level"]:
            bodies = bodies.filter(level=form.cleaned_data["level"])
    bodies = bodies.annotate(seat_count=Count("seats", filter=Q(seats__ended_at__isnull=True))).order_by(
        "-is_active", "kind", "name")
    page = Paginator(bodies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/bodies/body_list.html", {
        "form": form, "page": page, "can_manage": access.can_manage_bodies(request.user)})


@login_required
def body_detail(request, pk):
    """A body: its details and quotas, and its current seats (searchable, filtered, paginated)."""
    _governance(request)
    body = _body(request, pk)
    seats = Seat.objects.current().filter(body=body).select_related("organization", "principal", "alternate")
    form, seats = _seat_filters(request, seats)
    page = Paginator(seats.order_by("-role", "organization__name_zh", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    quotas = list(body.quotas.order_by("organization_kind"))
    held = dict(Seat.objects.current().filter(body=body).values("organization__kind").annotate(n=Count("pk"))
                .values_list("organization__kind", "n"))
    for quota in quotas:
        quota.held = held.get(quota.organization_kind, 0)
    return render(request, "governance/bodies/body_detail.html", {
        "body": body, "form": form, "page": page, "quotas": quotas, "today": timezone.localdate(),
        "seat_total": sum(held.values()), "history_count": Seat.objects.ended().filter(body=body).count(),
        "can_manage": access.can_manage_bodies(request.user), "mine": base.seat_ids(request.user)})


@login_required
def body_history(request, pk):
    """A body's ended seats, with why each ended."""
    _governance(request)
    body = _body(request, pk)
    seats = Seat.objects.ended().filter(body=body).select_related("organization", "principal", "alternate")
    form, seats = _seat_filters(request, seats)
    page = Paginator(seats.order_by("-ended_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/bodies/body_history.html", {"body": body, "form": form, "page": page})


def _body_form(request, body=None):
    form = BodyForm(request.POST if request.method == "POST" else None,
                    initial=BodyForm.initial_for(body) if body else None)
    if request.method == "POST" and form.is_valid():
        try:
            if body is None:
                body = services.create_body(actor=request.user, quotas=form.quotas(), **form.body_data())
            else:
                services.update_body(actor=request.user, body=body, quotas=form.quotas(), **form.body_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The body is saved."))
            return redirect("governance:body_detail", body.pk)
    return render(request, "governance/bodies/body_form.html", {"form": form, "body": body})


@login_required
def body_create(request):
    _secretariat(request)
    return _body_form(request)


@login_required
def body_edit(request, pk):
    _secretariat(request)
    return _body_form(request, _body(request, pk))


@login_required
def body_active(request, pk):
    """Deactivate an active body or reactivate a deactivated one: a confirm page, then POST."""
    _secretariat(request)
    body = _body(request, pk)
    error = None
    if request.method == "POST":
        try:
            if body.is_active:
                services.deactivate_body(actor=request.user, body=body)
                messages.success(request, _("The body is deactivated."))
            else:
                services.reactivate_body(actor=request.user, body=body)
                messages.success(request, _("The body is active again."))
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            return redirect("governance:body_detail", body.pk)
    return render(request, "governance/bodies/body_active.html", {
        "body": body, "error": error, "seat_total": Seat.objects.current().filter(body=body).count()})


# --- seats -------------------------------------------------------------------------------------


@login_required
def seat_create(request, pk):
    """Appoint a seat in two steps: the organisation, then its representatives, office and term."""
    _secretariat(request)
    body = _body(request, pk)
    choice = OrganizationChoiceForm(request.POST or request.GET or None)
    if not choice.is_valid():
        return render(request, "governance/bodies/seat_choose.html", {"body": body, "form": choice})
    organization = choice.cleaned_data["organization"]
    if request.method == "POST":
        form = SeatForm(request.POST, organization=organization)
        if form.is_valid():
            data = form.cleaned_data
            try:
                seat = services.appoint_seat(
                    actor=request.user, body=body, organization=organization, principal=data["principal"],
                    alternate=data["alternate"], role=data["role"], weight=data["weight"],
                    term_start=data["term_start"], term_end=data["term_end"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The seat is appointed."))
                return redirect("governance:seat_detail", seat.pk)
    else:
        form = SeatForm(organization=organization, initial={"term_start": timezone.localdate()})
    return render(request, "governance/bodies/seat_form.html", {
        "body": body, "organization": organization, "form": form})


@login_required
def seat_detail(request, pk):
    _governance(request)
    seat = _seat(request, pk)
    today = timezone.localdate()
    return render(request, "governance/bodies/seat_detail.html", {
        "seat": seat, "body": seat.body, "voter": services.voting_person(seat, today), "today": today,
        "can_manage": access.can_manage_bodies(request.user) and seat.is_current,
        "can_delegate": access.can_delegate(request.user, seat) and seat.alternate_id is not None})


def _current_seat_for_secretariat(request, pk):
    _secretariat(request)
    seat = _seat(request, pk)
    if not seat.is_current:
        raise Http404
    return seat


@login_required
def seat_representatives(request, pk):
    seat = _current_seat_for_secretariat(request, pk)
    form = RepresentativesForm(request.POST if request.method == "POST" else None, organization=seat.organization,
                               initial={"principal": seat.principal_id, "alternate": seat.alternate_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_representatives(actor=request.user, seat=seat, principal=form.cleaned_data["principal"],
                                            alternate=form.cleaned_data["alternate"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat's representatives are saved."))
            return redirect("governance:seat_detail", seat.pk)
    return render(request, "governance/bodies/seat_change.html", {
        "seat": seat, "body": seat.body, "form": form, "title": _("Change the representatives")})


@login_required
def seat_edit(request, pk):
    seat = _current_seat_for_secretariat(request, pk)
    form = SeatTermsForm(request.POST if request.method == "POST" else None, initial={
        "role": seat.role, "weight": seat.weight, "term_start": seat.term_start, "term_end": seat.term_end})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_seat(actor=request.user, seat=seat, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat is saved."))
            return redirect("governance:seat_detail", seat.pk)
    return render(request, "governance/bodies/seat_change.html", {
        "seat": seat, "body": seat.body, "form": form, "title": _("Change the office, weight or term")})


@login_required
def seat_end(request, pk):
    seat = _current_seat_for_secretariat(request, pk)
    form = EndSeatForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_seat(actor=request.user, seat=seat, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat has ended; it is kept in the seat history."))
            return redirect("governance:body_detail", seat.body_id)
    return render(request, "governance/bodies/seat_change.html", {
        "seat": seat, "body": seat.body, "form": form, "title": _("End the seat"), "ending": True})


@login_required
def seat_delegate(request, pk):
    """The principal (or the secretariat) hands the seat's vote to the alternate until a day."""
    _governance(request)
    seat = _seat(request, pk)
    if not access.can_delegate(request.user, seat) or seat.alternate_id is None:
        raise Http404
    form = DelegationForm(request.POST if request.method == "POST" else None,
                          initial={"until": seat.delegated_until})
    if request.method == "POST" and form.is_valid():
        try:
            services.delegate_seat(actor=request.user, seat=seat, until=form.cleaned_data["until"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The delegation is saved."))
            return redirect("governance:seat_detail", seat.pk)
    return render(request, "governance/bodies/seat_change.html", {
        "seat": seat, "body": seat.body, "form": form, "title": _("Delegate the vote to the alternate")})
