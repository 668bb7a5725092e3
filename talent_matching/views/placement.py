"""Placement rounds' pages: the secretariat's rounds (create, choose schools and postings and
their places, open, run, read the result with who stays unplaced and why, confirm, start a
second round); a student ranks the postings of an open round; an enterprise reads who ranked
its postings and may refuse a student; a school reads its students' preferences and results.
Every write is a call to ``talent_matching.services.placement``; what a viewer sees comes from
``talent_matching.access``, and anything else answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.forms import add_service_errors
from talent_matching import access
from talent_matching.forms.placement import (
    PlacesForm,
    RankForm,
    ResultFilterForm,
    RoundFilterForm,
    RoundForm,
    StudentFilterForm,
)
from talent_matching.models import (
    Placement,
    PlacementResult,
    Posting,
    Refusal,
    RoundStatus,
    StudentPreference,
    StudentProfile,
    UnplacedReason,
)
from talent_matching.services import placement as services

PAGE_SIZE = 25


def _platform(request) -> None:
    if not access.can_use_talent_platform(request.user):
        raise Http404


def _secretariat(request) -> None:
    if not access.can_manage_placement(request.user):
        raise Http404


def _round(request, pk):
    return get_object_or_404(access.rounds_for(request.user), pk=pk)


def _student_search(qs, text: str, prefix: str = "profile__"):
    text = (text or "").strip()
    if not text:
        return qs
    return qs.filter(Q(**{f"{prefix}student__full_name__icontains": text})
                     | Q(**{f"{prefix}student__username__icontains": text}))


# --- the rounds --------------------------------------------------------------------------------


@login_required
def round_list(request):
    _platform(request)
    form = RoundFilterForm(request.GET or None)
    rounds = access.rounds_for(request.user)
    if form.is_valid():
        if form.cleaned_data["q"]:
            rounds = rounds.filter(name__icontains=form.cleaned_data["q"])
        if form.cleaned_data["status"]:
            rounds = rounds.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["kind"]:
            rounds = rounds.filter(kind=form.cleaned_data["kind"])
    rounds = rounds.annotate(posting_count=Count("round_postings", distinct=True),
                             school_count=Count("schools", distinct=True)).order_by("-created_at", "-id")
    page = Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent_matching/placement/round_list.html", {
        "form": form, "page": page, "can_manage": access.can_manage_placement(request.user),
    })


def _round_form(request, placement_round=None):
    initial = None
    if placement_round is not None:
        initial = {"name": placement_round.name, "kind": placement_round.kind,
                   "schools": placement_round.schools.all(),
                   "postings": [rp.posting_id for rp in placement_round.round_postings.all()],
                   "preferences_close_on": placement_round.preferences_close_on}
    form = RoundForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        slots = {} if placement_round is None else {
            rp.posting_id: rp.slots for rp in placement_round.round_postings.all()}
        postings = {p: slots.get(p.pk) for p in data["postings"]}
        try:
            if placement_round is None:
                placement_round = services.round_create(
                    actor=request.user, name=data["name"], kind=data["kind"], schools=data["schools"],
                    postings=postings, preferences_close_on=data["preferences_close_on"])
            else:
                services.round_update(
                    placement_round=placement_round, actor=request.user, name=data["name"], kind=data["kind"],
                    schools=data["schools"], postings=postings, preferences_close_on=data["preferences_close_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("talent:placement_round", placement_round.pk)
    return render(request, "talent_matching/placement/round_form.html", {"form": form, "round": placement_round})


@login_required
def round_create(request):
    _secretariat(request)
    return _round_form(request)


@login_required
def round_edit(request, pk):
    _secretariat(request)
    placement_round = _round(request, pk)
    if placement_round.status not in (RoundStatus.DRAFT, RoundStatus.COLLECTING):
        messages.error(request, _("A round that has been run can no longer be changed."))
        return redirect("talent:placement_round", pk)
    return _round_form(request, placement_round)


@login_required
def round_places(request, pk):
    """The places of each posting in the round."""
    _secretariat(request)
    placement_round = _round(request, pk)
    round_postings = placement_round.round_postings.select_related("posting__organization").order_by(
        "posting__organization__name_zh", "posting__title")
    form = PlacesForm(request.POST if request.method == "POST" else None, round_postings=round_postings)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(
                placement_round=placement_round, actor=request.user, name=placement_round.name,
                kind=placement_round.kind, schools=placement_round.schools.all(), postings=form.places(),
                preferences_close_on=placement_round.preferences_close_on)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The places are saved."))
            return redirect("talent:placement_round", pk)
    return render(request, "talent_matching/placement/round_places.html", {"form": form, "round": placement_round})


@login_required
def round_detail(request, pk):
    _platform(request)
    placement_round = _round(request, pk)
    user = request.user
    context = {"round": placement_round, "can_manage": access.can_manage_placement(user)}
    round_postings = list(placement_round.round_postings.select_related("posting__organization").order_by(
        "posting__organization__name_zh", "posting__title"))
    context["round_postings"] = round_postings
    context["schools"] = list(placement_round.schools.order_by("name_zh"))
    if context["can_manage"]:
        run = services.latest_run(placement_round)
        context.update(run=run, ranked=StudentPreference.objects.filter(round=placement_round)
                       .values("profile").distinct().count(),
                       next_rounds=list(placement_round.next_rounds.all()))
    student_profile = access.own_round_profile(user, placement_round)
    if student_profile is not None:
        context["my_preferences"] = list(StudentPreference.objects.filter(
            round=placement_round, profile=student_profile).select_related("posting__organization"))
        context["my_placement"] = Placement.objects.filter(
            round=placement_round, profile=student_profile).select_related("posting__organization").first()
        context["can_rank"] = access.can_rank(user, placement_round)
        if placement_round.status == RoundStatus.CONFIRMED:
            run = services.latest_run(placement_round)
            context["my_result"] = run.results.filter(profile=student_profile).first() if run else None
    enterprises = access.enterprise_ids(user)
    context["my_postings"] = [rp for rp in round_postings if rp.posting.organization_id in enterprises]
    if context["my_postings"]:
        ranked_by = dict(StudentPreference.objects.filter(
            round=placement_round, posting_id__in=[rp.posting_id for rp in context["my_postings"]],
        ).values("posting_id").annotate(n=Count("pk")).values_list("posting_id", "n"))
        for rp in context["my_postings"]:
            rp.ranked_by = ranked_by.get(rp.posting_id, 0)
    context["school_view"] = bool(access.school_ids(user) & {s.pk for s in context["schools"]})
    return render(request, "talent_matching/placement/round_detail.html", context)


ACTIONS = {
    "open": (services.round_open, RoundStatus.DRAFT),
    "run": (services.round_run, None),
    "confirm": (services.round_confirm, RoundStatus.RUN),
    "second": (services.round_second, RoundStatus.CONFIRMED),
}


@login_required
def round_action(request, pk, action):
    """Open, run, confirm, or start the next round — after a confirmation."""
    _secretariat(request)
    if action not in ACTIONS:
        raise Http404
    placement_round = _round(request, pk)
    error = None
    if request.method == "POST":
        function = ACTIONS[action][0]
        try:
            outcome = function(placement_round=placement_round, actor=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if action == "second":
                messages.success(request, _("The next round is created as a draft: check its postings and places, then open it."))
                return redirect("talent:placement_round", outcome.pk)
            if action == "run":
                messages.success(request, _("The round is run: %(placed)s placed, %(unplaced)s unplaced.") % {
                    "placed": outcome.placed, "unplaced": outcome.unplaced})
                return redirect("talent:placement_results", pk)
            messages.success(request, _("The round is opened for preferences.") if action == "open" else
                             _("The placements are confirmed and entered in the transparency log."))
            return redirect("talent:placement_round", pk)
    return render(request, "talent_matching/placement/round_action.html", {
        "round": placement_round, "action": action, "error": error,
        "run": services.latest_run(placement_round) if action == "confirm" else None,
    })


@login_required
def round_results(request, pk):
    """The latest run's result: who is placed where, who is not and why."""
    _secretariat(request)
    placement_round = _round(request, pk)
    run = services.latest_run(placement_round)
    form = ResultFilterForm(request.GET or None)
    results = PlacementResult.objects.none()
    counts = {}
    if run is not None:
        results = run.results.select_related("profile__student", "profile__school", "posting__organization")
        counts = dict(run.results.values("reason").annotate(n=Count("pk")).values_list("reason", "n"))
        if form.is_valid():
            results = _student_search(results, form.cleaned_data["q"])
            outcome = form.cleaned_data["outcome"]
            if outcome == "placed":
                results = results.filter(posting__isnull=False)
            elif outcome == "unplaced":
                results = results.filter(posting__isnull=True)
            elif outcome:
                results = results.filter(reason=outcome)
        results = results.order_by(F("posting__organization__name_zh").asc(nulls_last=True),
                                   F("posting__title").asc(nulls_last=True), "profile_id")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    reasons = [(label, counts.get(value, 0)) for value, label in UnplacedReason.choices]
    return render(request, "talent_matching/placement/round_results.html", {
        "round": placement_round, "run": run, "form": form, "page": page, "reasons": reasons,
    })


# --- students -----------------------------------------------------------------------------------


@login_required
def rank(request, pk):
    """The student ranks the postings of an open round, best first."""
    placement_round = _round(request, pk)
    student_profile = access.own_round_profile(request.user, placement_round)
    if student_profile is None:
        raise Http404
    if not access.can_rank(request.user, placement_round):
        messages.error(request, _("This round no longer takes preferences."))
        return redirect("talent:placement_round", pk)
    round_postings = list(placement_round.round_postings.select_related("posting__organization")
                          .order_by("posting__organization__name_zh", "posting__title"))
    postings = [rp.posting for rp in round_postings]
    current = {f"choice_{p.rank}": p.posting_id for p in StudentPreference.objects.filter(
        round=placement_round, profile=student_profile)}
    form = RankForm(request.POST if request.method == "POST" else None, postings=postings, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_save(placement_round=placement_round, student_profile=student_profile,
                                      postings=form.cleaned_data["ranked"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your choices are saved. You may change them until the round closes."))
            return redirect("talent:placement_round", pk)
    return render(request, "talent_matching/placement/rank.html", {
        "round": placement_round, "form": form, "round_postings": round_postings,
    })


# --- enterprises --------------------------------------------------------------------------------


def _own_posting(request, placement_round, posting_pk) -> Posting:
    posting = get_object_or_404(
        Posting.objects.select_related("organization"), pk=posting_pk,
        organization_id__in=access.enterprise_ids(request.user))
    if not placement_round.round_postings.filter(posting=posting).exists():
        raise Http404
    return posting


@login_required
def applicants(request, pk, posting):
    """The students who ranked the enterprise's posting in the round — those whose consent
    covers the enterprise, by name; the others counted — with their choice, score and any
    refusal; after the round is confirmed, who is placed there."""
    placement_round = _round(request, pk)
    posting = _own_posting(request, placement_round, posting)
    preferences = StudentPreference.objects.filter(round=placement_round, posting=posting)
    visible = access.profiles_for(request.user, StudentProfile.objects.all())
    shown = preferences.filter(profile__in=visible)
    hidden = preferences.count() - shown.count()
    form = StudentFilterForm(request.GET or None)
    if form.is_valid():
        shown = _student_search(shown, form.cleaned_data["q"])
    shown = shown.select_related("profile__student", "profile__school", "profile__major").order_by("rank", "profile_id")
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [p.profile_id for p in page.object_list]
    refused = set(Refusal.objects.filter(round=placement_round, posting=posting, profile_id__in=ids)
                  .values_list("profile_id", flat=True))
    scores = services.priorities({(posting.pk, i) for i in ids})
    placed = set(Placement.objects.filter(round=placement_round, posting=posting, profile_id__in=ids)
                 .values_list("profile_id", flat=True))
    for preference in page.object_list:
        preference.refused = preference.profile_id in refused
        preference.score, preference.source = scores.get((posting.pk, preference.profile_id), (None, ""))
        preference.placed = preference.profile_id in placed
    return render(request, "talent_matching/placement/applicants.html", {
        "round": placement_round, "posting": posting, "page": page, "hidden": hidden, "form": form,
        "can_refuse": access.can_refuse(request.user, placement_round, posting),
    })


@login_required
@require_POST
def refuse(request, pk, posting, profile):
    placement_round = _round(request, pk)
    posting = _own_posting(request, placement_round, posting)
    student_profile = get_object_or_404(access.profiles_for(request.user), pk=profile)
    refused = request.POST.get("refused") == "1"
    try:
        services.refusal_set(placement_round=placement_round, posting=posting, student_profile=student_profile,
                             refused=refused, actor=request.user)
    except PermissionDenied:
        raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The student will not be placed at this posting.") if refused else
                         _("The refusal is withdrawn."))
    return redirect("talent:placement_applicants", pk, posting.pk)


# --- schools ----------------------------------------------------------------------------------


@login_required
def school_students(request, pk):
    """The school's students in the round: their choices and, once run, their results."""
    placement_round = _round(request, pk)
    schools = access.school_ids(request.user) & set(placement_round.schools.values_list("pk", flat=True))
    if not schools:
        raise Http404
    form = StudentFilterForm(request.GET or None)
    profiles = services.eligible_profiles(placement_round).filter(school_id__in=schools)
    if form.is_valid():
        profiles = _student_search(profiles, form.cleaned_data["q"], prefix="")
    profiles = profiles.select_related("student", "school", "major").order_by("school_id", "student__full_name", "pk")
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [p.pk for p in page.object_list]
    choices = {}
    for preference in StudentPreference.objects.filter(round=placement_round, profile_id__in=ids).select_related(
            "posting__organization").order_by("rank"):
        choices.setdefault(preference.profile_id, []).append(preference)
    run = services.latest_run(placement_round) if placement_round.status == RoundStatus.CONFIRMED else None
    results = {}
    if run is not None:
        results = {r.profile_id: r for r in run.results.filter(profile_id__in=ids).select_related("posting__organization")}
    for student_profile in page.object_list:
        student_profile.choices = choices.get(student_profile.pk, [])
        student_profile.result = results.get(student_profile.pk)
    return render(request, "talent_matching/placement/school_students.html", {
        "round": placement_round, "page": page, "form": form, "confirmed": run is not None,
    })
