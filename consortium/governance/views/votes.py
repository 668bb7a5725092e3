"""Governance pages: motions and votes (the votes page with "my votes due", a motion with its vote
form, recusals and count, proposing a motion on an agenda item, opening, closing and withdrawing
after a confirmation) and the resolution register (search, filters, CSV and PDF export, a
resolution with its vote record, disclosure by the secretariat). Every write is a call to
``services.votes``; what a viewer sees comes from ``access.votes``, and anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortium.governance.selectors.disclosure import DISCLOSURE
from consortium.governance import access as base
from consortium.governance.access import votes as access
from consortium.governance.forms.votes import (
    MotionFilterForm,
    MotionForm,
    RecusalForm,
    ResolutionFilterForm,
    VoteForm,
)
from consortium.governance.models import (
    AgendaItem,
    Body,
    Motion,
    MotionStatus,
    Recusal,
    Resolution,
    Seat,
    Vote,
    VotingMode,
)
from consortium.governance.services import votes as services
from core.caching import cache_page
from members.auth import page_viewer
from members.forms import add_service_errors

PAGE_SIZE = 25


def _governance(request) -> None:
    if not base.can_use_governance(request.user):
        raise Http404


def _motion(request, pk) -> Motion:
    _governance(request)
    return get_object_or_404(access.motions_for(request.user).select_related(
        "body", "agenda_item__meeting", "proposed_by"), pk=pk)


# --- motions -------------------------------------------------------------------------------------


@login_required
def motion_list(request):
    """表决: my votes due, then the motions I may read."""
    _governance(request)
    form = MotionFilterForm(request.GET or None)
    motions = access.motions_for(request.user).select_related("body", "resolution")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            motions = motions.filter(title__icontains=data["q"])
        if data["body"]:
            motions = motions.filter(body=data["body"])
        if data["status"]:
            motions = motions.filter(status=data["status"])
    page = Paginator(motions.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/votes/motion_list.html", {
        "form": form, "page": page, "due": services.votes_due(request.user),
        "can_propose": access.can_propose_any(request.user),
    })


def _agenda_item(request):
    raw = request.GET.get("agenda_item", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=int(raw))
    if not access.can_manage_motions(request.user, item.meeting.body):
        raise Http404
    return item


@login_required
def motion_create(request):
    """Propose a motion: on an agenda item (``?agenda_item=``), or for a written vote."""
    _governance(request)
    if not access.can_propose_any(request.user):
        raise Http404
    item = _agenda_item(request)
    bodies = Body.objects.filter(is_active=True)
    if not base.is_secretariat(request.user):
        bodies = bodies.filter(pk__in=access.chaired_body_ids(request.user))
    form = MotionForm(request.POST if request.method == "POST" else None, bodies=bodies, agenda_item=item,
                      initial=None if item else {"mode": VotingMode.WRITTEN})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            motion = services.propose_motion(
                actor=request.user, body=item.meeting.body if item else data["body"], title=data["title"],
                text=data["text"], matter=data["matter"], agenda_item=item, mode=data["mode"],
                deadline=data["deadline"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The motion is proposed as a draft. Open the vote when it is ready."))
            return redirect("governance:motion", motion.pk)
    return render(request, "governance/votes/motion_form.html", {"form": form, "agenda_item": item})


def _my_seats(request, motion) -> list:
    """The seats of the motion's body this person may vote for, each with its vote or recusal."""
    ids = base.seat_ids(request.user)
    if not ids:
        return []
    seats = list(Seat.objects.current().filter(pk__in=ids, body_id=motion.body_id).select_related("organization"))
    votes = {v.seat_id: v for v in Vote.objects.filter(motion=motion, seat__in=seats)}
    recused = set(Recusal.objects.filter(motion=motion, seat__in=seats).values_list("seat_id", flat=True))
    mine = []
    for seat in seats:
        seat.my_vote = votes.get(seat.pk)
        seat.recused = seat.pk in recused
        seat.may_vote = services.may_vote(request.user, motion, seat)
        if seat.may_vote or seat.recused or seat.my_vote:
            mine.append(seat)
    return mine


@login_required
def motion_detail(request, pk):
    motion = _motion(request, pk)
    user = request.user
    context = {
        "motion": motion, "can_manage": access.can_manage_motions(user, motion.body),
        "recusals": list(motion.recusals.select_related("seat__organization").order_by("declared_at")),
        "my_seats": _my_seats(request, motion),
        "show_votes": access.can_see_votes(user, motion),
        "resolution": Resolution.objects.filter(motion=motion).first() if motion.status == MotionStatus.ADOPTED else None,
    }
    if context["show_votes"]:
        context["votes"] = list(motion.votes.select_related("seat__organization").order_by(
            "seat__organization__name_zh"))
    if motion.status == MotionStatus.OPEN and base.is_secretariat(user):
        context["live"] = services.count_motion(motion)
    context["can_declare"] = motion.status in (MotionStatus.DRAFT, MotionStatus.OPEN) and (
        base.is_secretariat(user) or any(not s.recused and not s.my_vote for s in context["my_seats"]))
    for seat in context["my_seats"]:
        seat.form = VoteForm(seats=[seat], initial={"seat": seat.pk, "choice": seat.my_vote.choice if seat.my_vote else None},
                             auto_id=f"id_seat{seat.pk}_%s")
    return render(request, "governance/votes/motion_detail.html", context)


@login_required
@require_POST
def motion_vote(request, pk):
    motion = _motion(request, pk)
    seats = [s for s in _my_seats(request, motion) if s.may_vote]
    if not seats:
        raise Http404
    form = VoteForm(request.POST, seats=seats)
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return redirect("governance:motion", pk)
    seat = next(s for s in seats if s.pk == form.cleaned_data["seat"])
    try:
        vote = services.cast_vote(actor=request.user, motion=motion, seat=seat, choice=form.cleaned_data["choice"])
    except PermissionDenied:
        raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your vote for %(seat)s is recorded: %(choice)s. You may change it until the vote "
                                    "closes.") % {"seat": seat.organization.name, "choice": vote.get_choice_display()})
    return redirect("governance:motion", pk)


@login_required
def motion_recuse(request, pk):
    """Declare a seat's conflict of interest on the motion."""
    motion = _motion(request, pk)
    seats = Seat.objects.current().filter(body_id=motion.body_id).select_related("organization")
    if not base.is_secretariat(request.user):
        seats = seats.filter(pk__in=base.seat_ids(request.user))
    seats = [s for s in seats.exclude(recusals__motion=motion).exclude(votes__motion=motion).order_by(
        "organization__name_zh") if access.may_declare_for(request.user, s)]
    if not seats:
        raise Http404
    form = RecusalForm(request.POST if request.method == "POST" else None, seats=seats)
    if request.method == "POST" and form.is_valid():
        seat = next(s for s in seats if s.pk == form.cleaned_data["seat"])
        try:
            services.declare_conflict(actor=request.user, motion=motion, seat=seat, reason=form.cleaned_data["reason"])
        except PermissionDenied:
            raise Http404
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conflict of interest is recorded: the seat does not vote on this motion."))
            return redirect("governance:motion", pk)
    return render(request, "governance/votes/motion_recuse.html", {"motion": motion, "form": form})


ACTIONS = {
    "open": (services.open_voting, (MotionStatus.DRAFT,)),
    "close": (services.close_motion, (MotionStatus.OPEN,)),
    "withdraw": (services.withdraw_motion, (MotionStatus.DRAFT, MotionStatus.OPEN)),
}


@login_required
def motion_action(request, pk, action):
    """Open the vote, close it (and count), or withdraw the motion — after a confirmation."""
    if action not in ACTIONS:
        raise Http404
    motion = _motion(request, pk)
    if not access.can_manage_motions(request.user, motion.body):
        raise Http404
    function, statuses = ACTIONS[action]
    error = None if motion.status in statuses else _("This motion is no longer in a state for that.")
    if request.method == "POST" and error is None:
        try:
            motion = function(actor=request.user, motion=motion)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if action == "close":
                messages.success(request, _("The vote is closed: %(outcome)s.") % {"outcome": motion.get_status_display()})
            elif action == "open":
                messages.success(request, _("Voting is open."))
            else:
                messages.success(request, _("The motion is withdrawn."))
            return redirect("governance:motion", pk)
    live = services.count_motion(motion) if action == "close" and motion.status == MotionStatus.OPEN else None
    return render(request, "governance/votes/motion_action.html", {
        "motion": motion, "action": action, "error": error, "live": live})


# --- the resolution register ---------------------------------------------------------------------


def _resolutions(request):
    _governance(request)
    form = ResolutionFilterForm(request.GET or None)
    resolutions = access.resolutions_for(request.user).select_related("body", "motion")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            resolutions = resolutions.filter(Q(number__icontains=data["q"]) | Q(title__icontains=data["q"]))
        if data["body"]:
            resolutions = resolutions.filter(body=data["body"])
        if data["year"]:
            resolutions = resolutions.filter(year=data["year"])
        if data["matter"]:
            resolutions = resolutions.filter(motion__matter=data["matter"])
    return form, resolutions.order_by("-adopted_on", "-sequence", "-id")


@cache_page(DISCLOSURE, viewer_key=page_viewer)  # kept per viewer until governance data changes
@login_required
def resolution_list(request):
    """决议登记簿: the resolution register."""
    form, resolutions = _resolutions(request)
    page = Paginator(resolutions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "governance/votes/resolution_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "can_disclose": access.can_disclose(request.user)})


@login_required
def resolution_export(request, fmt):
    """The (filtered) register as CSV or PDF."""
    if fmt not in ("csv", "pdf"):
        raise Http404
    _form, resolutions = _resolutions(request)
    return _csv_response(resolutions) if fmt == "csv" else _pdf_response(resolutions)


def _resolution(request, pk) -> Resolution:
    _governance(request)
    return get_object_or_404(access.resolutions_for(request.user).select_related("body", "motion__agenda_item__meeting"),
                             pk=pk)


@login_required
def resolution_detail(request, pk):
    resolution = _resolution(request, pk)
    motion = resolution.motion
    return render(request, "governance/votes/resolution_detail.html", {
        "resolution": resolution, "motion": motion,
        "votes": list(motion.votes.select_related("seat__organization").order_by("seat__organization__name_zh")),
        "recusals": list(motion.recusals.select_related("seat__organization").order_by("declared_at")),
        "can_disclose": access.can_disclose(request.user),
        "motion_visible": access.motions_for(request.user).filter(pk=motion.pk).exists(),
    })


@login_required
def resolution_disclose(request, pk):
    """The secretariat makes a resolution public (or takes it off the public pages)."""
    resolution = _resolution(request, pk)
    if not access.can_disclose(request.user):
        raise Http404
    if request.method == "POST":
        public = not resolution.is_public
        services.set_resolution_public(actor=request.user, resolution=resolution, public=public)
        messages.success(request, _("The resolution is public.") if public else
                         _("The resolution is no longer public."))
        return redirect("governance:resolution", pk)
    return render(request, "governance/votes/resolution_disclose.html", {"resolution": resolution,
                                                                         "today": timezone.localdate()})


# --- exports ----------------------------------------------------------------------------------------

MAX_PDF_ROWS = 2000


def _cell(value) -> str:
    """A cell a spreadsheet would take for a formula (=, +, -, @ first) is written as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _export_rows(resolutions):
    yield [_("number"), _("body"), _("adopted on"), _("title"), _("kind of matter"), _("majority rule"), _("for"),
           _("against"), _("abstentions"), _("weight recused"), _("public")]
    for r in resolutions.iterator(chunk_size=500):
        m = r.motion
        yield [_cell(v) for v in (r.number, r.body.name, r.adopted_on.isoformat(), r.title, m.get_matter_display(),
                                  m.get_rule_display(), m.for_weight, m.against_weight, m.abstain_weight,
                                  m.recused_weight, _("yes") if r.is_public else _("no"))]


def _filename(extension: str) -> str:
    return f"resolutions-{timezone.localdate():%Y%m%d}.{extension}"


def _csv_response(resolutions):
    import csv

    from django.http import StreamingHttpResponse

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    language = translation.get_language()

    def lines():
        # Streamed after the view returns: the reader's language is set again for the labels.
        with translation.override(language):
            for n, row in enumerate(_export_rows(resolutions)):
                yield ("\ufeff" if n == 0 else "") + writer.writerow([str(c) for c in row])

    body = lines()
    answer = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return answer


def _pdf_response(resolutions):
    """The register as an A4 list, in the Adobe CJK font STSong-Light every reader carries."""
    from io import BytesIO

    from django.http import HttpResponse
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = landscape(A4)
    buffer = BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    c.setTitle(str(_("Resolution register")))
    columns = [15 * mm, 50 * mm, 75 * mm, 100 * mm, 230 * mm]  # number, date, body, title, votes
    y = 0

    def new_page():
        nonlocal y
        y = height - 18 * mm
        c.setFont(font, 15)
        c.drawString(15 * mm, y, str(_("Resolution register")))
        c.setFont(font, 9)
        c.drawRightString(width - 15 * mm, y, _("Exported on %(date)s") % {"date": timezone.localdate().isoformat()})
        y -= 10 * mm
        for x, label in zip(columns, (_("number"), _("adopted on"), _("body"), _("title"),
                                      _("for / against / abstentions"))):
            c.drawString(x, y, str(label))
        y -= 6 * mm

    def fit(text, limit):
        text = " ".join(str(text).split())
        while text and pdfmetrics.stringWidth(text, font, 9) > limit:
            text = text[:-2] + "…"
        return text

    new_page()
    for n, r in enumerate(resolutions[:MAX_PDF_ROWS].iterator(chunk_size=500)):
        if y < 15 * mm:
            c.showPage()
            new_page()
        c.setFont(font, 9)
        m = r.motion
        c.drawString(columns[0], y, r.number)
        c.drawString(columns[1], y, r.adopted_on.isoformat())
        c.drawString(columns[2], y, fit(r.body.name, columns[3] - columns[2] - 3 * mm))
        c.drawString(columns[3], y, fit(r.title, columns[4] - columns[3] - 3 * mm))
        c.drawString(columns[4], y, f"{m.for_weight} / {m.against_weight} / {m.abstain_weight}")
        y -= 6 * mm
    c.save()
    answer = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="{_filename("pdf")}"'
    return answer
