"""Industry mentors' pages: the appointments a person sees (a school's staff its mentors, an
enterprise's administrators and HR its engineers appointed, the mentor their own, the secretariat
all), one appointment, and the writes — the school appoints, records hours, completes or
withdraws; the enterprise accepts or declines. Every write is a call to ``services.mentors``;
anything outside the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.forms import add_service_errors
from training.access import mentors as access
from training.forms.mentors import AppointmentFilterForm, AppointmentForm, DecisionForm, HoursForm, WithdrawForm
from training.models import MentorStatus
from training.selectors.mentors import terms_for
from training.services import mentors as services

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_mentors(request.user):
        raise Http404


def _appointment(request, pk):
    _reader(request)
    return get_object_or_404(access.appointments_for(request.user).select_related(
        "school", "enterprise", "mentor", "appointed_by", "decided_by"), pk=pk)


@login_required
def mentor_list(request):
    _reader(request)
    form = AppointmentFilterForm(request.GET or None, terms=terms_for(request.user))
    appointments = access.appointments_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            appointments = appointments.filter(
                Q(mentor__full_name__icontains=q) | Q(mentor__username__icontains=q) | Q(term__icontains=q)
                | Q(duties__icontains=q) | Q(school__name_zh__icontains=q) | Q(enterprise__name_zh__icontains=q))
        if data["term"]:
            appointments = appointments.filter(term=data["term"])
        if data["status"]:
            appointments = appointments.filter(status=data["status"])
    appointments = appointments.select_related("school", "enterprise", "mentor").order_by("-starts_on", "pk")
    page = Paginator(appointments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/mentors/list.html", {
        "form": form, "page": page, "can_appoint": access.can_appoint(request.user),
    })


@login_required
def mentor_create(request):
    _reader(request)
    if not access.can_appoint(request.user):
        raise Http404
    schools = services.school_choices(request.user)
    form = AppointmentForm(request.POST if request.method == "POST" else None, schools=schools,
                           courses=services.course_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        membership = data.pop("mentor")
        try:
            appointment = services.appointment_create(actor=request.user, mentor=membership.user,
                                                      enterprise=membership.organization, **data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The mentor is appointed; the enterprise is asked to accept."))
            return redirect("training:mentor", appointment.pk)
    return render(request, "training/mentors/form.html", {"form": form})


@login_required
def mentor_detail(request, pk):
    appointment = _appointment(request, pk)
    today = timezone.localdate()
    return render(request, "training/mentors/detail.html", {
        "appointment": appointment, "courses": list(appointment.courses.order_by("title")),
        "can_manage": access.can_manage(request.user, appointment),
        "can_decide": access.can_decide(request.user, appointment) and appointment.status == MentorStatus.PROPOSED,
        "can_complete": appointment.status == MentorStatus.ACCEPTED and appointment.ends_on <= today,
    })


def _write(request, pk, form_class, action, success, template, *, check):
    appointment = _appointment(request, pk)
    if not check(request.user, appointment):
        raise Http404
    form = form_class(request.POST if request.method == "POST" else None, **(
        {"initial": {"taught_hours": appointment.taught_hours}} if form_class is HoursForm else {}))
    if request.method == "POST" and form.is_valid():
        try:
            action(appointment, form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("training:mentor", appointment.pk)
    return render(request, template, {"form": form, "appointment": appointment})


@login_required
def mentor_decide(request, pk):
    def action(appointment, data):
        services.appointment_decide(appointment=appointment, actor=request.user, accept=data["decision"] == "accept",
                                    reason=data["reason"])
    return _write(request, pk, DecisionForm, action, _("Your decision is recorded."),
                  "training/mentors/decide.html", check=access.can_decide)


@login_required
def mentor_hours(request, pk):
    def action(appointment, data):
        services.appointment_record_hours(appointment=appointment, actor=request.user, **data)
    return _write(request, pk, HoursForm, action, _("The hours taught are recorded."),
                  "training/mentors/hours.html", check=access.can_manage)


@login_required
def mentor_withdraw(request, pk):
    def action(appointment, data):
        services.appointment_withdraw(appointment=appointment, actor=request.user, **data)
    return _write(request, pk, WithdrawForm, action, _("The appointment is withdrawn."),
                  "training/mentors/withdraw.html", check=access.can_manage)


@login_required
@require_POST
def mentor_complete(request, pk):
    appointment = _appointment(request, pk)
    if not access.can_manage(request.user, appointment):
        raise Http404
    try:
        services.appointment_complete(appointment=appointment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The term is completed; the enterprise earns responsibility credits for it."))
    return redirect("training:mentor", appointment.pk)
