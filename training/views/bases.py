"""Pages of industry colleges and training bases: the lists (search, filter, pages), a college, a
base with its equipment, the base's week calendar, a booking request, "my bookings" and the owner
school's queue of requests with accept / decline / cancel. Every write is a call to
``services.bases``; anything outside the viewer's reach answers 404."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from members.forms import add_service_errors
from members.models import Organization
from training.access import bases as access
from training.forms.bases import (
    BaseFilterForm, BaseForm, BookingFilterForm, BookingForm, CollegeFilterForm, CollegeForm, DeclineForm,
    equipment_text,
)
from training.models import BaseBooking, BookingStatus
from training.services import bases as services

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_bases(request.user):
        raise Http404


# --- industry colleges ---

@login_required
def college_list(request):
    _reader(request)
    form = CollegeFilterForm(request.GET or None)
    colleges = access.colleges_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            colleges = colleges.filter(Q(name__icontains=data["q"]) | Q(description__icontains=data["q"]))
        if data["school"]:
            colleges = colleges.filter(lead_school=data["school"])
    colleges = (colleges.select_related("lead_school").annotate(base_count=Count("bases", distinct=True))
                .prefetch_related(Prefetch("partners", queryset=Organization.objects.order_by("name_zh")))
                .order_by("name", "pk"))
    page = Paginator(colleges, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/bases/college_list.html", {
        "form": form, "page": page, "can_create": access.can_create_college(request.user)})


@login_required
def college_detail(request, pk):
    _reader(request)
    college = get_object_or_404(access.colleges_for(request.user).select_related("lead_school"), pk=pk)
    return render(request, "training/bases/college_detail.html", {
        "college": college,
        "partners": college.partners.order_by("name_zh"),
        "majors": college.majors.order_by("code"),
        "bases": college.bases.select_related("owner").order_by("name"),
        "can_edit": access.can_edit_college(request.user, college),
    })


def _college_form(request, college=None):
    initial = None
    if college is not None:
        initial = {name: getattr(college, name) for name in services.COLLEGE_FIELDS
                   if name not in ("partners", "majors")}
        initial.update(partners=list(college.partners.all()), majors=list(college.majors.all()))
    form = CollegeForm(request.POST if request.method == "POST" else None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.COLLEGE_FIELDS}
        try:
            if college is None:
                college = services.college_create(actor=request.user, **fields)
            else:
                services.college_update(college=college, actor=request.user, **fields)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The industry college is saved."))
            return redirect("training:college", college.pk)
    return render(request, "training/bases/college_form.html", {"form": form, "college": college})


@login_required
def college_create(request):
    if not access.can_create_college(request.user):
        raise Http404
    return _college_form(request)


@login_required
def college_edit(request, pk):
    _reader(request)
    college = get_object_or_404(access.colleges_for(request.user), pk=pk)
    if not access.can_edit_college(request.user, college):
        raise Http404
    return _college_form(request, college)


# --- training bases ---

@login_required
def base_list(request):
    _reader(request)
    form = BaseFilterForm(request.GET or None)
    bases = access.bases_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            bases = bases.filter(Q(name__icontains=data["q"]) | Q(address__icontains=data["q"])
                                 | Q(equipment__name__icontains=data["q"])).distinct()
        if data["kind"]:
            bases = bases.filter(kind=data["kind"])
        if data["school"]:
            bases = bases.filter(owner=data["school"])
    bases = bases.select_related("owner", "college").order_by("name", "pk")
    page = Paginator(bases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/bases/base_list.html", {
        "form": form, "page": page, "can_create": access.can_create_base(request.user),
        "can_book": access.can_book_somewhere(request.user), "can_see_queue": access.can_see_queue(request.user)})


def _base(request, pk):
    _reader(request)
    return get_object_or_404(access.bases_for(request.user).select_related("owner", "college"), pk=pk)


@login_required
def base_detail(request, pk):
    training_base = _base(request, pk)
    return render(request, "training/bases/base_detail.html", {
        "base": training_base,
        "partners": training_base.partners.order_by("name_zh"),
        "majors": training_base.majors.order_by("code"),
        "equipment": training_base.equipment.all(),
        "can_edit": access.can_edit_base(request.user, training_base),
        "can_book": access.can_book(request.user, training_base),
    })


def _base_form(request, training_base=None):
    initial = None
    if training_base is not None:
        initial = {name: getattr(training_base, name) for name in services.BASE_FIELDS
                   if name not in ("partners", "majors", "equipment")}
        initial.update(partners=list(training_base.partners.all()), majors=list(training_base.majors.all()),
                       equipment=equipment_text(training_base))
    form = BaseForm(request.POST if request.method == "POST" else None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.BASE_FIELDS}
        try:
            if training_base is None:
                training_base = services.base_create(actor=request.user, **fields)
            else:
                services.base_update(training_base=training_base, actor=request.user, **fields)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The training base is saved."))
            return redirect("training:base", training_base.pk)
    return render(request, "training/bases/base_form.html", {"form": form, "base": training_base})


@login_required
def base_create(request):
    if not access.can_create_base(request.user):
        raise Http404
    return _base_form(request)


@login_required
def base_edit(request, pk):
    training_base = _base(request, pk)
    if not access.can_edit_base(request.user, training_base):
        raise Http404
    return _base_form(request, training_base)


def _monday(request):
    """The Monday of the week asked for (``?week=`` any day of it), this week's by default."""
    raw = request.GET.get("week") or ""
    try:
        day = parse_date(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    day = day or timezone.localdate()
    if not 2000 <= day.year <= 2100:
        day = timezone.localdate()
    return day - timedelta(days=day.weekday())


@login_required
def base_calendar(request, pk):
    """The base's week: each day with the bookings the viewer may see, previous and next week."""
    training_base = _base(request, pk)
    monday = _monday(request)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(monday, time.min), zone)
    end = start + timedelta(days=7)
    bookings = list(access.calendar_bookings(request.user, training_base).filter(
        starts_at__lt=end, ends_at__gt=start).select_related("organization", "course").order_by("starts_at", "pk"))
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        day_start = timezone.make_aware(datetime.combine(day, time.min), zone)
        day_end = day_start + timedelta(days=1)
        days.append({"date": day, "today": day == timezone.localdate(),
                     "bookings": [b for b in bookings if b.starts_at < day_end and b.ends_at > day_start]})
    return render(request, "training/bases/calendar.html", {
        "base": training_base, "days": days, "monday": monday, "sunday": monday + timedelta(days=6),
        "previous": monday - timedelta(days=7), "next": monday + timedelta(days=7),
        "can_book": access.can_book(request.user, training_base),
    })


@login_required
def booking_create(request, pk):
    training_base = _base(request, pk)
    if not access.can_book(request.user, training_base):
        raise Http404
    form = BookingForm(request.POST if request.method == "POST" else None, user=request.user,
                       training_base=training_base)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_request(actor=request.user, training_base=training_base, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to the base's school for a decision."))
            week = timezone.localtime(booking.starts_at).date().isoformat()
            return _to_calendar(training_base, week)
    return render(request, "training/bases/booking_form.html", {"form": form, "base": training_base})


def _to_calendar(training_base, week):
    return redirect(f"{reverse('training:base_calendar', args=[training_base.pk])}?week={week}")


def _filtered_bookings(request, bookings):
    form = BookingFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            bookings = bookings.filter(Q(purpose__icontains=data["q"]) | Q(base__name__icontains=data["q"])
                                       | Q(organization__name_zh__icontains=data["q"]))
        if data["status"]:
            bookings = bookings.filter(status=data["status"])
        if data["upcoming"]:
            bookings = bookings.filter(ends_at__gt=timezone.now())
    bookings = bookings.select_related("base", "organization", "requested_by", "course")
    return form, bookings


@login_required
def my_bookings(request):
    """The bookings this person requested, and their organisations' others."""
    _reader(request)
    if not access.can_book_somewhere(request.user):
        raise Http404
    mine = access.bookings_for(request.user).filter(
        Q(requested_by=request.user) | Q(organization_id__in=access.base.org_ids_with_roles(
            request.user, access.BOOKING_ROLES)))
    form, bookings = _filtered_bookings(request, mine)
    page = Paginator(bookings.order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    for booking in page:
        booking.can_cancel = access.can_cancel(request.user, booking)
    return render(request, "training/bases/my_bookings.html", {"form": form, "page": page})


@login_required
def booking_queue(request):
    """The owner school's requests: pending first, then the rest."""
    _reader(request)
    if not access.can_see_queue(request.user):
        raise Http404
    requests = access.bookings_for(request.user).filter(base__owner_id__in=access.school_admin_ids(request.user))
    if not request.GET:
        requests = requests.filter(status=BookingStatus.PENDING)
    form, bookings = _filtered_bookings(request, requests)
    page = Paginator(bookings.order_by("starts_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    pending = [b for b in page if b.status == BookingStatus.PENDING]
    accepted = []
    if pending:
        accepted = list(BaseBooking.objects.filter(
            base_id__in={b.base_id for b in pending}, status=BookingStatus.ACCEPTED,
            starts_at__lt=max(b.ends_at for b in pending), ends_at__gt=min(b.starts_at for b in pending),
        ).select_related("organization").order_by("starts_at"))
    for booking in page:
        booking.clash = next((a for a in accepted if booking.status == BookingStatus.PENDING
                              and a.base_id == booking.base_id and a.starts_at < booking.ends_at
                              and a.ends_at > booking.starts_at), None)
    return render(request, "training/bases/queue.html", {"form": form, "page": page})


def _booking(request, pk) -> BaseBooking:
    _reader(request)
    return get_object_or_404(access.bookings_for(request.user).select_related(
        "base__owner", "organization", "requested_by", "course"), pk=pk)


def _decision(request, pk, *, template, form_class=None, run, done):
    booking = _booking(request, pk)
    form = form_class(request.POST if request.method == "POST" else None) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            run(booking, form.cleaned_data if form else {})
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            if form is not None:
                add_service_errors(form, error)
            else:
                errors = error.messages
                return render(request, template, {"booking": booking, "form": None, "errors": errors, "clash": None})
        else:
            messages.success(request, done)
            return redirect(_back(request, booking))
    return render(request, template, {"booking": booking, "form": form,
                                      "clash": services.overlapping(booking.base, booking.starts_at, booking.ends_at,
                                                                    exclude=booking).first()})


def _back(request, booking):
    if access.can_see_queue(request.user) and booking.base.owner_id in access.school_admin_ids(request.user):
        return reverse("training:booking_queue")
    return reverse("training:my_bookings")


@login_required
def booking_accept(request, pk):
    booking = _booking(request, pk)
    if not access.can_decide(request.user, booking.base):
        raise Http404
    return _decision(request, pk, template="training/bases/booking_accept.html",
                     run=lambda b, data: services.booking_accept(booking=b, actor=request.user),
                     done=_("The booking is accepted."))


@login_required
def booking_decline(request, pk):
    booking = _booking(request, pk)
    if not access.can_decide(request.user, booking.base):
        raise Http404
    return _decision(request, pk, template="training/bases/booking_decline.html", form_class=DeclineForm,
                     run=lambda b, data: services.booking_decline(booking=b, actor=request.user, reason=data["reason"]),
                     done=_("The booking is declined."))


@login_required
def booking_cancel(request, pk):
    booking = _booking(request, pk)
    if not access.can_cancel(request.user, booking):
        raise Http404
    return _decision(request, pk, template="training/bases/booking_cancel.html",
                     run=lambda b, data: services.booking_cancel(booking=b, actor=request.user),
                     done=_("The booking is cancelled."))

