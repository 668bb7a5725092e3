"""Governance pages: minutes — the list, a meeting's minutes with its versions and comments, and the
secretariat's actions (draft, edit a draft, put it to the body's vote, start a correction, disclose).
Every write is a call to ``services.minutes``; what a viewer sees comes from ``access.minutes``,
and anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortium.governance import access
from consortium.governance.access import minutes as rules
from consortium.governance.forms.minutes import CommentForm, MinutesFilterForm, MinutesTextForm, VoteDeadlineForm
from consortium.governance.models import (
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    MinutesVersion,
)
from consortium.governance.services import minutes as services
from members.forms import add_service_errors

PAGE_SIZE = 25


def _governance(request) -> None:
    if not access.can_use_governance(request.user):
        raise Http404


def _secretariat(request) -> None:
    if not rules.can_manage_minutes(request.user):
        raise Http404


def _minutes(request, pk) -> Minutes:
    _governance(request)
    return get_object_or_404(rules.minutes_for(request.user).select_related("meeting__body"), pk=pk)


def _version(request, pk) -> MinutesVersion:
    _governance(request)
    return get_object_or_404(rules.versions_for(request.user).select_related("minutes__meeting__body"), pk=pk)


@login_required
def minutes_list(request):
    _governance(request)
    user = request.user
    form = MinutesFilterForm(request.GET or None)
    found = rules.minutes_for(user).select_related("meeting__body")
    open_versions = MinutesVersion.objects.filter(minutes=OuterRef("pk"), status__in=(MinutesStatus.DRAFT,
                                                                                      MinutesStatus.VOTING))
    approved = MinutesVersion.objects.filter(minutes=OuterRef("pk"), status=MinutesStatus.APPROVED)
    found = found.annotate(has_open=Exists(open_versions), has_approved=Exists(approved),
                           latest=Max("versions__number"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            found = found.filter(Q(meeting__title__icontains=data["q"]) | Q(meeting__location__icontains=data["q"]))
        if data["body"]:
            found = found.filter(meeting__body=data["body"])
        if data["status"] == "open":
            found = found.filter(has_open=True)
        elif data["status"] == "approved":
            found = found.filter(has_approved=True)
    page = Paginator(found.order_by("-meeting__starts_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_manage": rules.can_manage_minutes(user)}
    if context["can_manage"]:
        context["without_minutes"] = list(
            Meeting.objects.filter(status=MeetingStatus.HELD, minutes__isnull=True).select_related("body")
            .order_by("-starts_at")[:10])
    return render(request, "governance/minutes/list.html", context)


@login_required
def minutes_detail(request, pk):
    minutes = _minutes(request, pk)
    user = request.user
    versions = list(rules.versions_for(user, minutes.versions.all()).select_related("created_by", "motion")
                    .order_by("-number"))
    if not versions:
        raise Http404
    wanted = request.GET.get("v")
    shown = next((v for v in versions if str(v.number) == wanted), versions[0])
    comments = list(MinutesComment.objects.filter(version=shown).select_related("person"))
    latest = versions[0]
    can_manage = rules.can_manage_minutes(user)
    return render(request, "governance/minutes/detail.html", {
        "minutes": minutes, "meeting": minutes.meeting, "versions": versions, "shown": shown, "comments": comments,
        "comment_form": CommentForm() if rules.can_comment(user, shown) else None,
        "can_manage": can_manage,
        "can_correct": can_manage and latest.status == MinutesStatus.APPROVED,
        "can_publish": can_manage and any(v.status == MinutesStatus.APPROVED for v in versions),
    })


@login_required
def minutes_draft(request, meeting_pk):
    _secretariat(request)
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk)
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        return redirect("governance:minutes_detail", existing.pk)
    error = None
    if request.method == "POST":
        try:
            minutes = services.minutes_draft(actor=request.user, meeting=meeting)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The draft is ready: it is prefilled with the agenda, the attendance and "
                                        "the votes."))
            return redirect("governance:minutes_detail", minutes.pk)
    return render(request, "governance/minutes/draft.html", {"meeting": meeting, "error": error})


@login_required
def minutes_edit(request, pk):
    _secretariat(request)
    version = _version(request, pk)
    form = MinutesTextForm(request.POST if request.method == "POST" else None, initial={"text": version.text})
    if version.status != MinutesStatus.DRAFT and request.method != "POST":
        messages.error(request, _("Approved minutes are locked. Start a correction: it becomes a new version that "
                                  "the body approves again.") if version.is_locked else
                       _("This version is being voted on; it cannot change until the vote ends."))
        return redirect(_detail_url(version))
    if request.method == "POST" and form.is_valid():
        try:
            services.version_edit(actor=request.user, version=version, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(_detail_url(version))
    return render(request, "governance/minutes/edit.html", {"form": form, "version": version,
                                                            "minutes": version.minutes})


def _detail_url(version: MinutesVersion) -> str:
    from django.urls import reverse

    return f"{reverse('governance:minutes_detail', args=[version.minutes_id])}?v={version.number}"


@login_required
@require_POST
def minutes_comment(request, pk):
    version = _version(request, pk)
    if not rules.can_comment(request.user, version):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, version=version, text=form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment is added."))
    else:
        messages.error(request, _("Please write your comment."))
    return redirect(_detail_url(version))


@login_required
def minutes_vote(request, pk):
    _secretariat(request)
    version = _version(request, pk)
    form = VoteDeadlineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_put_to_vote(actor=request.user, version=version, deadline=form.cleaned_data["deadline"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft is put to the body's written vote."))
            return redirect(_detail_url(version))
    return render(request, "governance/minutes/vote.html", {"form": form, "version": version,
                                                            "minutes": version.minutes})


@login_required
def minutes_correct(request, pk):
    _secretariat(request)
    minutes = _minutes(request, pk)
    error = None
    if request.method == "POST":
        try:
            version = services.correction_start(actor=request.user, minutes=minutes)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Version %(number)s is a copy of the approved text: correct it, then put "
                                        "it to the vote.") % {"number": version.number})
            return redirect(_detail_url(version))
    return render(request, "governance/minutes/correct.html", {"minutes": minutes, "error": error})


@login_required
def minutes_publish(request, pk):
    _secretariat(request)
    minutes = _minutes(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.minutes_set_public(actor=request.user, minutes=minutes, public=not minutes.is_public)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The minutes are public now.") if not minutes.is_public
                             else _("The minutes are no longer public."))
            return redirect("governance:minutes_detail", minutes.pk)
    return render(request, "governance/minutes/publish.html", {"minutes": minutes, "error": error})


@login_required
def minutes_compare(request, pk):
    minutes = _minutes(request, pk)
    versions = {v.number: v for v in rules.versions_for(request.user, minutes.versions.all())}
    numbers = sorted(versions)
    if len(numbers) < 2:
        raise Http404

    def pick(name, default):
        try:
            return versions[int(request.GET.get(name, default))]
        except (KeyError, ValueError):
            return versions[default]

    older, newer = pick("a", numbers[-2]), pick("b", numbers[-1])
    return render(request, "governance/minutes/compare.html", {
        "minutes": minutes, "older": older, "newer": newer, "numbers": numbers,
        "rows": services.side_by_side(older, newer),
    })

