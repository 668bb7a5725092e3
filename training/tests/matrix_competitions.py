"""The competitions rules of the security matrix (see tests/matrix.py).

Everyone in training reads the competitions at city level and above (the officer has no training
and finds nothing; the visitor signs in); a school-level competition is its school's people's and
the secretariat's. The secretariat creates competitions and manages them (categories, results,
publishing); the school's teacher registers its teams while registration is open; awards are issued
by whoever issues for the team's school (here the secretariat)."""

from datetime import timedelta

from django.utils import timezone

from members.models import Membership, Role
from tests.matrix import api, page, personas
from training.models import Award, Competition, CompetitionLevel, CompetitionTeam
from training.services import competitions as services


def _competition(w, name, *, level=CompetitionLevel.CITY, past=False, results=False, publish=False) -> Competition:
    found = Competition.objects.filter(name=name).first()
    if found is not None:
        return found
    secretariat, school = w.users["secretariat"], w.orgs["school"]
    today = timezone.localdate()
    starts = today - timedelta(days=20) if past else today + timedelta(days=20)
    organizer = school if level == CompetitionLevel.SCHOOL else w.orgs["government"]
    made = services.competition_create(actor=secretariat, organizer=organizer, name=name, level=level,
                                       year=starts.year, starts_on=starts, ends_on=starts + timedelta(days=1))
    category = services.category_create(competition=made, actor=secretariat, name="矩阵赛项", team_size=1)
    coach = Membership.objects.filter(user=w.users["teacher"], organization=school, role=Role.TEACHER).first()
    team = services.team_register(category=category, actor=secretariat, school=school, name="矩阵队",
                                  students=[w.users["student"]], coaches=[coach])
    if results:
        services.results_record(competition=made, actor=secretariat, results={team.pk: (1, Award.FIRST)})
    if publish:
        services.results_publish(competition=made, actor=secretariat)
    return made


def upcoming(w, t):
    return {"pk": _competition(w, "矩阵市赛").pk}


def school_level(w, t):
    return {"pk": _competition(w, "矩阵校赛", level=CompetitionLevel.SCHOOL).pk}


def ended(w, t):
    return {"pk": _competition(w, "矩阵已结束", past=True).pk}


def recorded(w, t):
    return {"pk": _competition(w, "矩阵待发布", past=True, results=True).pk}


def published(w, t):
    return {"pk": _competition(w, "矩阵已发布", past=True, results=True, publish=True).pk}


def upcoming_category(w, t):
    return {"pk": _competition(w, "矩阵市赛").categories.get().pk}


def a_team(w, t):
    return {"pk": CompetitionTeam.objects.get(category__competition=_competition(w, "矩阵市赛")).pk}


def a_published_team(w, t):
    return {"pk": CompetitionTeam.objects.get(category__competition=_competition(
        w, "矩阵已发布", past=True, results=True, publish=True)).pk}


def competitions(w, t):
    return list(Competition.objects.values_list("pk", "name", "results_published_at"))


def teams(w, t):
    return list(CompetitionTeam.objects.values_list("pk", "name", "rank", "award"))


def awards(w, t):
    return list(CompetitionTeam.objects.values_list("members__pk", "members__credential_id"))


READERS = personas(200, anonymous=302, officer=404)
SCHOOL_PEOPLE = personas(404, anonymous=302, student=200, teacher=200, secretariat=200)
SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
API_READERS = personas(200, anonymous=401, officer=404)
# Lists answer everyone signed in, empty for those with no training (as every list of the API does).
API_LISTS = personas(200, anonymous=401)

RULES = {
    "training:competitions": (page(expect={"any": READERS}),),
    "training:my_competitions": (page(expect={"any": READERS}),),
    "training:competition_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data={"name": ""}, state=competitions, expect={"any": SECRETARIAT_ONLY}),
    ),
    "training:competition": (
        page(kwargs=upcoming, expect={"any": READERS}),
        page(kwargs=school_level, expect={"any": SCHOOL_PEOPLE}),
    ),
    "training:competition_category_create": (
        page(kwargs=upcoming, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=upcoming, method="post", data={"name": ""}, state=competitions, expect={"any": SECRETARIAT_ONLY}),
    ),
    "training:competition_team_register": (
        page(kwargs=upcoming_category, expect={"any": personas(404, anonymous=302, teacher=200, secretariat=200)}),
        page(kwargs=upcoming_category, method="post", data={"name": ""}, state=teams,
             expect={"any": personas(404, anonymous=302, teacher=200, secretariat=200)}),
    ),
    "training:competition_results": (
        page(kwargs=ended, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=upcoming, expect={"any": personas(404, anonymous=302)}),
        page(kwargs=ended, method="post", data={}, state=teams,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "training:competition_publish": (
        page(kwargs=recorded, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=recorded, method="post", data={}, state=competitions,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "training:competition_awards_issue": (
        page(kwargs=published, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=published, method="post", data={}, state=awards,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "training-competition-list": (api(expect={"any": API_LISTS}),),
    "training-competition-detail": (
        api(kwargs=upcoming, expect={"any": API_READERS}),
        api(kwargs=school_level, expect={"any": personas(404, anonymous=401, student=200, teacher=200,
                                                         secretariat=200)}),
    ),
    "training-competition-category-list": (api(expect={"any": API_LISTS}),),
    "training-competition-category-detail": (api(kwargs=upcoming_category, expect={"any": API_READERS}),),
    "training-competition-team-list": (api(expect={"any": API_LISTS}),),
    "training-competition-team-detail": (
        api(kwargs=a_team, expect={"any": API_READERS}),
    ),
    "training-competition-result-list": (api(expect={"any": API_LISTS}),),
    "training-competition-result-detail": (
        api(kwargs=a_team, expect={"any": personas(404, anonymous=401)}),  # not published: no result
        api(kwargs=a_published_team, expect={"any": API_READERS}),
    ),
}
