"""Skill competitions' pages: the list (search, level, year), one competition with its categories,
teams and (published) results, and the writes — a competition, a category, a team's registration,
the organiser's results, publishing them and issuing the awards — and a person's own teams and
awards. Every write is a call to ``services.competitions``; anything outside the viewer's reach
answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from credentials import access as credentials_access
from members.forms import add_service_errors
from training.access import competitions as access
from training.forms.competitions import (
    CategoryForm,
    CompetitionFilterForm,
    CompetitionForm,
    ResultsForm,
    SchoolChoiceForm,
    TeamForm,
    school_choices,
)
from training.models import (
    CompetitionCategory,
    CompetitionCoach,
    CompetitionTeam,
    CompetitionTeamMember,
)
from training.selectors import competitions as selectors
from training.services import competitions as services

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_competitions(request.user):
        raise Http404


def _competition(request, pk):
    _reader(request)
    return get_object_or_404(access.competitions_for(request.user).select_related("organizer"), pk=pk)


@login_required
def competition_list(request):
    _reader(request)
    form = CompetitionFilterForm(request.GET or None)
    competitions = access.competitions_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            competitions = competitions.filter(Q(name__icontains=data["q"]) | Q(categories__name__icontains=data["q"])
                                               | Q(organizer__name_zh__icontains=data["q"])).distinct()
        if data["level"]:
            competitions = competitions.filter(level=data["level"])
        if data["year"]:
            competitions = competitions.filter(year=data["year"])
    competitions = (competitions.select_related("organizer")
                    .annotate(category_count=Count("categories", distinct=True),
                              team_count=Count("categories__teams", distinct=True))
                    .order_by("-year", "-starts_on", "name", "pk"))
    page = Paginator(competitions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/competitions/list.html", {
        "form": form, "page": page, "can_create": access.can_create_competitions(request.user),
    })


@login_required
def competition_create(request):
    _reader(request)
    if not access.can_create_competitions(request.user):
        raise Http404
    form = CompetitionForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            competition = services.competition_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The competition is created. Add its categories."))
            return redirect("training:competition", competition.pk)
    return render(request, "training/competitions/form.html", {"form": form})


def _awards_pending(user, competition) -> bool:
    """Whether ``user`` may issue awards of this published competition still missing."""
    if competition.results_published_at is None:
        return False
    pending = (CompetitionTeam.objects.filter(category__competition=competition, award__isnull=False,
                                              members__credential__isnull=True)
               .select_related("school").distinct())
    return any(credentials_access.can_issue(user, team.school) for team in pending)


@login_required
def competition_detail(request, pk):
    competition = _competition(request, pk)
    user = request.user
    teams = (CompetitionTeam.objects.filter(category__competition=competition).select_related("school")
             .prefetch_related(Prefetch("members", CompetitionTeamMember.objects.select_related("student")),
                               Prefetch("coaches", CompetitionCoach.objects.select_related("coach", "organization")))
             .order_by("category_id", "rank", "name", "pk"))
    teams = list(teams)
    named = access.named_team_ids(user, CompetitionTeam.objects.filter(category__competition=competition))
    by_category = {}
    for team in teams:
        team.named = team.pk in named
        by_category.setdefault(team.category_id, []).append(team)
    categories = list(CompetitionCategory.objects.filter(competition=competition).prefetch_related("skills")
                      .order_by("name"))
    for category in categories:
        category.team_list = by_category.get(category.pk, [])
    manage = access.can_manage(user, competition)
    return render(request, "training/competitions/detail.html", {
        "competition": competition, "categories": categories, "can_manage": manage,
        "show_results": access.results_visible(user, competition),
        "can_add_category": manage and competition.results_published_at is None,
        "can_register": access.can_register(user, competition),
        "registration_open": access.registration_open(competition),
        "can_record": access.can_record_results(user, competition),
        "can_publish": access.can_record_results(user, competition) and any(t.rank for t in teams),
        "can_issue": _awards_pending(user, competition),
    })


@login_required
def category_create(request, pk):
    competition = _competition(request, pk)
    if not access.can_manage(request.user, competition) or competition.results_published_at is not None:
        raise Http404
    form = CategoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_create(competition=competition, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The category is added."))
            return redirect("training:competition", competition.pk)
    return render(request, "training/competitions/category_form.html", {"form": form, "competition": competition})


@login_required
def team_register(request, pk):
    """Register a team in a category: first the school (when the person may register for several),
    then the team with pickers limited to that school's students and eligible coaches."""
    _reader(request)
    category = get_object_or_404(access.categories_for(request.user).select_related("competition__organizer"), pk=pk)
    competition = category.competition
    schools = school_choices(request.user, competition)
    if not access.can_register(request.user, competition):
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    chooser = SchoolChoiceForm(data or None, schools=schools)
    school = None
    if chooser.is_valid() and chooser.cleaned_data["school"] is not None:
        school = chooser.cleaned_data["school"]
    elif not chooser.errors:
        only = list(schools[:2])
        school = only[0] if len(only) == 1 else None
    if school is None:
        return render(request, "training/competitions/team_school.html",
                      {"chooser": chooser, "category": category, "competition": competition})
    form = TeamForm(request.POST if request.method == "POST" else None, school=school, category=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_register(category=category, actor=request.user, school=school, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The team is registered."))
            return redirect("training:competition", competition.pk)
    return render(request, "training/competitions/team_form.html", {
        "form": form, "category": category, "competition": competition, "school": school,
        "several": schools.count() > 1})


@login_required
def results_entry(request, pk):
    competition = _competition(request, pk)
    if not access.can_record_results(request.user, competition):
        raise Http404
    teams = list(CompetitionTeam.objects.filter(category__competition=competition).select_related("category", "school")
                 .order_by("category__name", "rank", "name", "pk"))
    form = ResultsForm(request.POST if request.method == "POST" else None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            services.results_record(competition=competition, actor=request.user, results=form.results())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The results are saved. Publish them when they are final."))
            return redirect("training:competition", competition.pk)
    return render(request, "training/competitions/results_form.html",
                  {"form": form, "competition": competition, "teams": teams})


def _issue(request, competition) -> None:
    try:
        done = services.awards_issue(competition=competition, actor=request.user)
    except (PermissionDenied, ValidationError):
        return
    if done["issued"]:
        messages.success(request, ngettext("%(count)d award credential issued.", "%(count)d award credentials issued.",
                                           done["issued"]) % {"count": done["issued"]})
    if done["skipped"]:
        messages.warning(request, ngettext(
            "%(count)d student is no longer a student of their school and received no credential.",
            "%(count)d students are no longer students of their school and received no credential.",
            done["skipped"]) % {"count": done["skipped"]})


@login_required
def results_publish(request, pk):
    """Confirm: the results are published (final), then the awards are issued as credentials."""
    competition = _competition(request, pk)
    if not access.can_record_results(request.user, competition):
        raise Http404
    errors = []
    if request.method == "POST":
        try:
            services.results_publish(competition=competition, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The results are published."))
            competition.refresh_from_db()
            _issue(request, competition)
            return redirect("training:competition", competition.pk)
    return render(request, "training/competitions/confirm.html", {
        "competition": competition, "errors": errors, "action": "publish"})


@login_required
def awards_issue(request, pk):
    """Confirm: the award credentials still missing are issued by the schools the person issues for."""
    competition = _competition(request, pk)
    if not _awards_pending(request.user, competition):
        raise Http404
    if request.method == "POST":
        _issue(request, competition)
        return redirect("training:competition", competition.pk)
    return render(request, "training/competitions/confirm.html", {
        "competition": competition, "errors": [], "action": "issue"})


@login_required
def my_competitions(request):
    """A student's teams and awards; a coach's teams."""
    _reader(request)
    member_of = list(selectors.teams_of_student(request.user).prefetch_related(
        Prefetch("members", CompetitionTeamMember.objects.filter(student_id=request.user.pk)
                 .select_related("credential"), to_attr="mine")))
    coached = list(selectors.teams_coached_by(request.user).prefetch_related(
        Prefetch("members", CompetitionTeamMember.objects.select_related("student"))))
    for team in member_of + coached:
        team.show_result = team.category.competition.results_published_at is not None
        team.credential = next((m.credential for m in getattr(team, "mine", []) if m.credential), None)
    return render(request, "training/competitions/mine.html", {"member_of": member_of, "coached": coached})
