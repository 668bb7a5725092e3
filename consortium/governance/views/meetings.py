"""Governance pages: meetings — the list, a meeting's page (agenda, documents, invited seats with their
answers and attendance, quorum), scheduling and the agenda for the secretariat and the body's chair,
a seat's answer, attendance, calendars (iCal), and the person's notifications and their e-mail setting.
Every write is a call to ``services.meetings``; what a viewer sees comes from ``access.meetings``,
and anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortium.governance.selectors.disclosure import DISCLOSURE
from consortium.governance import access as base
from consortium.governance.access import meetings as access
from consortium.governance.forms.meetings import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    DocumentForm,
    InvitedForm,
    MeetingFilterForm,
    MeetingForm,
    NotificationSettingsForm,
    RsvpForm,
)
from consortium.governance.models import (
    AgendaDocument,
    AgendaItem,
    Body,
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Notification,
)
from consortium.governance.selectors.meetings import calendar
from consortium.governance.services import meetings as services
from core.files import download
from core.caching import cache_page
from members.auth import page_viewer
from members.forms import add_service_errors

PAGE_SIZE = 25


def _user(request) -> None:
    if not access.can_use_meetings(request.user):
        raise Http404


def _meeting(request, pk) -> Meeting:
    _user(request)
    return get_object_or_404(access.meetings_for(request.user, Meeting.objects.select_related("body")), pk=pk)


def _managed(request, pk) -> Meeting:
    meeting = _meeting(request, pk)
    if not access.can_manage(request.user, meeting):
        raise Http404
    return meeting


def _editable(request, pk) -> Meeting:
    meeting = _managed(request, pk)
    if meeting.status != MeetingStatus.SCHEDULED:
        messages.error(request, _("Only a scheduled meeting can be changed."))
        raise _Back(meeting)
    return meeting


class _Back(Exception):
    def __init__(self, meeting):
        self.meeting = meeting


def _guarded(view):
    """A refused change of a meeting no longer scheduled leads back to its page with the reason."""
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _Back as back:
            return redirect("governance:meeting", back.meeting.pk)
    wrapper.__name__, wrapper.__doc__ = view.__name__, view.__doc__
    return wrapper


def _visible_bodies(user):
    bodies = Body.objects.order_by("kind", "name")
    if access.sees_all_meetings(user):
        return bodies
    from consortium.governance.models import BodyKind

    return bodies.filter(Q(pk__in=access.member_body_ids(user) | access.chaired_body_ids(user)) | Q(kind=BodyKind.COUNCIL))


# --- the list and a meeting's page -------------------------------------------------------------


@login_required
def meeting_list(request):
    _user(request)
    user = request.user
    form = MeetingFilterForm(request.GET or None, bodies=_visible_bodies(user))
    meetings = access.meetings_for(user, Meeting.objects.select_related("body"))
    now = timezone.now()
    when = "upcoming"
    if form.is_valid():
        data = form.cleaned_data
        when = data["when"] or "upcoming"
        if data["q"]:
            meetings = meetings.filter(Q(title__icontains=data["q"]) | Q(location__icontains=data["q"])
                                       | Q(agenda_items__title__icontains=data["q"])).distinct()
        if data["body"]:
            meetings = meetings.filter(body=data["body"])
        if data["scope"] == "mine":
            meetings = meetings.filter(invited__seat_id__in=base.seat_ids(user)).distinct()
    if when == "upcoming":
        meetings = meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif when == "past":
        meetings = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.order_by("-starts_at", "-pk")
    meetings = meetings.annotate(
        seat_count=Count("invited", distinct=True),
        item_count=Count("agenda_items", distinct=True),
        my_pending=Count("invited", filter=Q(invited__seat_id__in=base.seat_ids(user), invited__rsvp="pending"),
                         distinct=True),
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/meetings/list.html", {
        "form": form, "page": page, "when": when, "can_schedule": access.can_schedule_any(user),
    })


@cache_page(DISCLOSURE, viewer_key=page_viewer)  # kept per viewer until governance data changes
@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    items = list(meeting.agenda_items.select_related("presenter").prefetch_related(
        Prefetch("documents", queryset=AgendaDocument.objects.order_by("uploaded_at", "pk")), "motions"))
    invited = list(MeetingSeat.objects.filter(meeting=meeting).select_related(
        "seat__organization", "seat__principal", "seat__alternate", "answered_by",
    ).order_by("-seat__role", "seat__organization__name_zh", "pk"))
    mine = [row for row in invited if row.seat_id in base.seat_ids(user)]
    present, required, reached = services.quorum(meeting)
    rsvp_counts = {}
    for row in invited:
        rsvp_counts[row.rsvp] = rsvp_counts.get(row.rsvp, 0) + 1
    return render(request, "governance/meetings/detail.html", {
        "meeting": meeting, "items": items, "invited": invited, "mine": mine,
        "meeting_documents": [d for d in meeting.documents.all() if d.agenda_item_id is None],
        "quorum": {"present": present, "required": required, "reached": reached,
                   "expected": sum(r.weight for r in invited if r.rsvp in ("attending", "alternate")),
                   "total": sum(r.weight for r in invited)},
        "rsvp_counts": rsvp_counts,
        "can_manage": access.can_manage(user, meeting),
        "can_edit": access.can_edit(user, meeting),
        "can_record": access.can_record_attendance(user, meeting),
        "can_answer": access.is_open_for_answers(meeting),
        "started": meeting.starts_at <= timezone.now(),
    })


# --- scheduling --------------------------------------------------------------------------------


def _times(form) -> dict:
    data = form.cleaned_data
    return {"title": data["title"], "starts_at": data["starts_at"], "ends_at": data["ends_at"],
            "location": data["location"], "description": data["description"]}


@login_required
def meeting_create(request):
    _user(request)
    if not access.can_schedule_any(request.user):
        raise Http404
    bodies = access.schedulable_bodies(request.user, Body.objects.order_by("kind", "name"))
    initial = {"body": request.GET.get("body")} if request.GET.get("body") else None
    form = MeetingForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, body=form.cleaned_data["body"],
                                                invite_all=form.cleaned_data["invite_all"], **_times(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is scheduled and its seats are invited."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/form.html", {"form": form, "meeting": None})


@login_required
@_guarded
def meeting_edit(request, pk):
    meeting = _editable(request, pk)
    initial = {"title": meeting.title, "starts_at": timezone.localtime(meeting.starts_at),
               "ends_at": timezone.localtime(meeting.ends_at), "location": meeting.location,
               "description": meeting.description}
    form = MeetingForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **_times(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/form.html", {"form": form, "meeting": meeting})


@login_required
@_guarded
def meeting_invited(request, pk):
    meeting = _editable(request, pk)
    form = InvitedForm(request.POST or None, meeting=meeting,
                       initial={"seats": list(meeting.invited.values_list("seat_id", flat=True))})
    if request.method == "POST" and form.is_valid():
        try:
            added, removed = services.meeting_set_invited(meeting=meeting, actor=request.user,
                                                          seats=form.cleaned_data["seats"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Invited seats saved: %(added)s added, %(removed)s taken off.") % {
                "added": added, "removed": removed})
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/invited.html", {"form": form, "meeting": meeting})


@login_required
@_guarded
def meeting_cancel(request, pk):
    meeting = _editable(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is cancelled and the invitees are told."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/cancel.html", {"form": form, "meeting": meeting})


@login_required
def meeting_held(request, pk):
    meeting = _managed(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.meeting_mark_held(meeting=meeting, actor=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The meeting is marked held."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/held.html", {
        "meeting": meeting, "error": error, "unrecorded": meeting.invited.filter(attendance="unknown").count()})


@login_required
def meeting_attendance(request, pk):
    meeting = _managed(request, pk)
    if not access.can_record_attendance(request.user, meeting):
        messages.error(request, _("Attendance is recorded from the meeting's start, unless it was cancelled."))
        return redirect("governance:meeting", meeting.pk)
    rows = list(meeting.invited.select_related("seat__organization", "seat__principal", "seat__alternate")
                .order_by("-seat__role", "seat__organization__name_zh", "pk"))
    form = AttendanceForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.attendance_record(meeting=meeting, actor=request.user, attendance=form.attendance())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance saved (%(count)s changed).") % {"count": changed})
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/attendance.html", {"form": form, "meeting": meeting, "rows": rows})


@login_required
def meeting_rsvp(request, pk, seat):
    """A seat holder's answer for their seat."""
    meeting = _meeting(request, pk)
    row = get_object_or_404(access.my_invitations(request.user, meeting.invited.select_related("seat__organization")),
                            seat_id=seat)
    row.meeting = meeting
    form = RsvpForm(request.POST or None, has_alternate=row.seat.alternate_id is not None,
                    initial={"answer": row.rsvp if row.rsvp != "pending" else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.rsvp_answer(meeting_seat=row, actor=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your seat's answer is saved."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/rsvp.html", {
        "form": form, "meeting": meeting, "row": row, "open": access.is_open_for_answers(meeting)})


# --- the agenda and documents --------------------------------------------------------------------


@login_required
@_guarded
def agenda_item_create(request, pk):
    meeting = _editable(request, pk)
    form = AgendaItemForm(request.POST or None, body=meeting.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The item is added to the agenda."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/item_form.html", {"form": form, "meeting": meeting, "item": None})


def _item(request, pk, item) -> tuple[Meeting, AgendaItem]:
    meeting = _editable(request, pk)
    return meeting, get_object_or_404(AgendaItem, meeting=meeting, pk=item)


@login_required
@_guarded
def agenda_item_edit(request, pk, item):
    meeting, item = _item(request, pk, item)
    form = AgendaItemForm(request.POST or None, body=meeting.body, initial={
        "title": item.title, "description": item.description, "presenter": item.presenter_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agenda item is saved."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/item_form.html", {"form": form, "meeting": meeting, "item": item})


@login_required
@_guarded
def agenda_item_delete(request, pk, item):
    meeting, item = _item(request, pk, item)
    error = None
    if request.method == "POST":
        try:
            services.agenda_item_remove(item=item, actor=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The item is taken off the agenda."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/item_delete.html", {"meeting": meeting, "item": item, "error": error})


@login_required
@require_POST
@_guarded
def agenda_item_move(request, pk, item, direction):
    meeting, item = _item(request, pk, item)
    if direction not in ("up", "down"):
        raise Http404
    services.agenda_item_move(item=item, actor=request.user, up=direction == "up")
    return redirect(reverse("governance:meeting", args=[meeting.pk]) + f"#item-{item.pk}")


@login_required
@_guarded
def document_upload(request, pk):
    meeting = _editable(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None, meeting=meeting,
                        initial={"agenda_item": request.GET.get("item")})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(meeting=meeting, actor=request.user, upload=form.cleaned_data["file"],
                                  agenda_item=form.cleaned_data["agenda_item"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document is added."))
            return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/document_form.html", {"form": form, "meeting": meeting})


@login_required
def document_download(request, pk, document):
    meeting = _meeting(request, pk)
    document = get_object_or_404(AgendaDocument, meeting=meeting, pk=document)
    return download(document.file, name=document.name, content_type=document.content_type,
                    fallback=f"meeting-{meeting.pk}-document-{document.pk}")


@login_required
@_guarded
def document_delete(request, pk, document):
    meeting = _editable(request, pk)
    document = get_object_or_404(AgendaDocument, meeting=meeting, pk=document)
    if request.method == "POST":
        services.document_remove(document=document, actor=request.user)
        messages.success(request, _("The document is removed."))
        return redirect("governance:meeting", meeting.pk)
    return render(request, "governance/meetings/document_delete.html", {"meeting": meeting, "document": document})


# --- calendars ------------------------------------------------------------------------------------


def _ics(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_ics(request, pk):
    meeting = _meeting(request, pk)
    return _ics(calendar([meeting]), f"meeting-{meeting.pk}.ics")


@login_required
def my_calendar(request):
    """The meetings my seats are invited to, from a year back on."""
    _user(request)
    return _ics(calendar(services.my_meetings(request.user), name=_("My council meetings")), "my-meetings.ics")


def calendar_subscription(request, token):
    """The same calendar at its secret address, for calendar apps (no sign-in: the address is the key)."""
    from consortium.governance.models import CalendarFeed

    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.is_active or not access.can_use_meetings(feed.person):
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        name = _("My council meetings")
    return _ics(calendar(services.my_meetings(feed.person), name=name), "my-meetings.ics")


@login_required
@require_POST
def calendar_subscription_renew(request):
    _user(request)
    from consortium.governance.models import CalendarFeed

    renew = CalendarFeed.objects.filter(person=request.user).exists()
    services.calendar_feed(actor=request.user, renew=True)
    messages.success(request, _("Your calendar has a new address; the old one no longer works.") if renew else
                     _("Your calendar has its address: add it to your calendar app."))
    return redirect("governance:notification_settings")


# --- notifications ----------------------------------------------------------------------------------


def _notifications_user(request) -> None:
    if not access.can_use_notifications(request.user):
        raise Http404


@login_required
def notification_list(request):
    _notifications_user(request)
    notifications = Notification.objects.filter(person=request.user)
    show = request.GET.get("show", "")
    if show == "unread":
        notifications = notifications.filter(read_at__isnull=True)
    q = (request.GET.get("q") or "").strip()[:100].replace("\x00", "")
    if q:
        notifications = notifications.filter(text__icontains=q)
    page = Paginator(notifications.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    unread = Notification.objects.filter(person=request.user, read_at__isnull=True).count()
    return render(request, "governance/meetings/notifications.html", {
        "page": page, "show": show, "q": q, "unread": unread, "mode": services.preference_of(request.user)})


@login_required
@require_POST
def notifications_read(request):
    _notifications_user(request)
    ids = [int(x) for x in request.POST.getlist("id") if x.isdigit()] or None
    services.notifications_mark_read(actor=request.user, ids=ids)
    return redirect("governance:notifications")


@login_required
def notification_settings(request):
    _notifications_user(request)
    form = NotificationSettingsForm(request.POST or None, initial={"mode": services.preference_of(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_set(actor=request.user, mode=form.cleaned_data["mode"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your notification setting is saved."))
            return redirect("governance:notifications")
    from consortium.governance.models import CalendarFeed

    feed = CalendarFeed.objects.filter(person=request.user).first()
    feed_url = request.build_absolute_uri(reverse("governance:calendar_subscription", args=[feed.token])) if feed else ""
    return render(request, "governance/meetings/notification_settings.html", {
        "form": form, "feed_url": feed_url, "can_subscribe": access.can_use_meetings(request.user)})
