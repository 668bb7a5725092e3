"""Matching pages: the secretariat's runs (start one, follow it, its summary, the history), an
enterprise's ranked candidates for one of its postings and a student's recommended postings,
each pair with the parts of its score ('why this match')."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from talent_matching import access, matching, matching_data
from talent_matching.forms.matching import CandidateFilterForm, RecommendationFilterForm
from talent_matching.models import MatchRun, MatchRunStatus, PostingSkill, ProfileSkill, StudentProfile, Visibility
from talent_matching.services import matching as services

PAGE_SIZE = 20
PART_LABELS = {
    "skills_verified": gettext_lazy("Verified skills"),
    "skills_declared": gettext_lazy("Self-declared skills"),
    "major": gettext_lazy("Major"),
    "certificates": gettext_lazy("Certificates"),
    "awards": gettext_lazy("Competition awards"),
    "location": gettext_lazy("Location"),
    "availability": gettext_lazy("Availability"),
}
PART_POINTS = {
    "skills_verified": matching.POINTS["skills"], "skills_declared": matching.POINTS["skills"],
    "major": matching.POINTS["major"], "certificates": matching.POINTS["certificates"],
    "awards": matching.POINTS["awards"], "location": matching.POINTS["location"],
    "availability": matching.POINTS["availability"],
}


def _secretariat(request):
    if not access.can_run_matching(request.user):
        raise Http404
    return request.user


@login_required
@require_GET
def runs(request):
    _secretariat(request)
    page = Paginator(MatchRun.objects.select_related("started_by").order_by("-created_at", "-pk"), PAGE_SIZE) \
        .get_page(request.GET.get("page"))
    return render(request, "talent_matching/matching/runs.html", {
        "page": page, "current": MatchRun.objects.current(), "active": services.active_run(),
    })


@login_required
@require_POST
def run_start(request):
    actor = _secretariat(request)
    run = services.run_start(actor=actor)
    messages.success(request, _("The matching run has started; this page follows it."))
    return redirect("talent:matching_run", run.pk)


def _run(request, pk):
    _secretariat(request)
    return get_object_or_404(MatchRun.objects.select_related("started_by"), pk=pk)


@login_required
@require_GET
def run_detail(request, pk):
    run = _run(request, pk)
    current = MatchRun.objects.current()
    return render(request, "talent_matching/matching/run_detail.html", {
        "run": run, "is_current": current is not None and current.pk == run.pk,
        "running": run.status in services.ACTIVE,
    })


@login_required
@require_GET
def run_status(request, pk):
    """The run's progress, for its page to follow it."""
    run = _run(request, pk)
    return JsonResponse({"state": run.status, "state_label": run.get_status_display(), "done": run.done,
                         "total": run.total, "summary": run.summary})


def _explain(results, *, posting_skills=None):
    """Each result's parts as (label, points, out of), best first, and the skills behind them."""
    profiles = {r.profile_id for r in results}
    held = {}
    for skill in ProfileSkill.objects.filter(profile_id__in=profiles).select_related("skill"):
        held.setdefault(skill.profile_id, {})[skill.skill_id] = skill
    postings = {r.posting_id for r in results}
    asked = {}
    for skill in (posting_skills if posting_skills is not None else
                  PostingSkill.objects.filter(posting_id__in=postings).select_related("skill")):
        asked.setdefault(skill.posting_id, []).append(skill)
    verified = set()
    if profiles:
        found = matching_data.verified_credentials_of_profiles(StudentProfile.objects.filter(pk__in=profiles).values("pk"))
        verified = {pk for _p, pk, _k, _n, _l in found}
    for result in results:
        result.why = [
            (PART_LABELS[name], result.parts.get(name, 0), PART_POINTS[name])
            for name in matching.PARTS if result.parts.get(name)
        ]
        mine = held.get(result.profile_id, {})
        result.skills_met = []
        result.skills_missing = []
        for skill in asked.get(result.posting_id, []):
            have = mine.get(skill.skill_id)
            if have is None:
                result.skills_missing.append(skill)
            else:
                result.skills_met.append((skill, have, have.credential_id in verified))
    return results


@login_required
@require_GET
def posting_candidates(request, pk):
    posting = get_object_or_404(access.postings_for(request.user).select_related("organization"), pk=pk)
    if not access.can_see_candidates(request.user, posting):
        raise Http404
    form = CandidateFilterForm(request.GET or None)
    results = (
        access.match_results_for(request.user).filter(posting=posting, posting_rank__isnull=False)
        .select_related("profile__student", "profile__school", "profile__major")
        .order_by("posting_rank", "profile_id")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            results = results.filter(Q(profile__student__full_name__icontains=data["q"])
                                     | Q(profile__school__name_zh__icontains=data["q"])
                                     | Q(profile__major__name_zh__icontains=data["q"])
                                     | Q(profile__major__code=data["q"]))
        if data["level"]:
            results = results.filter(profile__education_level=data["level"])
        if data["min_score"] is not None:
            results = results.filter(score__gte=data["min_score"])
        if data["verified"]:
            results = results.filter(parts__skills_verified__gt=0)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    posting_skills = list(PostingSkill.objects.filter(posting=posting).select_related("skill"))
    _explain(page.object_list, posting_skills=posting_skills)
    return render(request, "talent_matching/matching/candidates.html", {
        "posting": posting, "page": page, "form": form, "run": MatchRun.objects.current(),
        "first_rank": page.start_index(),
        "can_invite": posting.is_open and access.can_edit_posting(request.user, posting),
    })


@login_required
@require_GET
def my_matches(request):
    if not access.has_recommendations(request.user):
        raise Http404
    profile = StudentProfile.objects.filter(student=request.user).first()
    form = RecommendationFilterForm(request.GET or None)
    results = (
        access.match_results_for(request.user).filter(profile__student=request.user, profile_rank__isnull=False)
        .filter(Q(posting__deadline__isnull=True) | Q(posting__deadline__gte=timezone.localdate()))
        .select_related("posting__organization", "posting__location")
        .order_by("profile_rank", "posting_id")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            results = results.filter(Q(posting__title__icontains=data["q"])
                                     | Q(posting__organization__name_zh__icontains=data["q"]))
        if data["min_score"] is not None:
            results = results.filter(score__gte=data["min_score"])
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    _explain(page.object_list)
    return render(request, "talent_matching/matching/my_matches.html", {
        "profile": profile, "page": page, "form": form, "run": MatchRun.objects.current(),
        "hidden": profile is not None and profile.visibility == Visibility.NOBODY,
        "statuses": MatchRunStatus,
    })
