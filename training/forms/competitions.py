"""Forms of the competitions part: a competition, a category, a team's registration, the results,
and the list's filters. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import SCHOOL_KINDS, Organization, OrganizationStatus
from reference.models import Skill
from training.access import competitions as access
from training.models import Award, CompetitionLevel
from training.services import competitions as services

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CompetitionForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    level = forms.TypedChoiceField(label=_("level"), choices=CompetitionLevel.choices, coerce=int)
    organizer = forms.ModelChoiceField(label=_("organiser"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    description = forms.CharField(label=_("description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        active = Organization.objects.filter(status=OrganizationStatus.ACTIVE).order_by("name_zh")
        if access.is_secretariat(user):
            self.fields["organizer"].queryset = active
        else:
            self.fields["organizer"].queryset = active.filter(pk__in=access.school_admin_ids(user))
            self.fields["level"].choices = [(CompetitionLevel.SCHOOL, CompetitionLevel.SCHOOL.label)]
            self.fields["organizer"].initial = next(iter(sorted(access.school_admin_ids(user))), None)
        self.fields["year"].initial = timezone.localdate().year


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    team_size = forms.IntegerField(label=_("students per team"), min_value=1, max_value=20, initial=1)
    skills = forms.ModelMultipleChoiceField(label=_("skills tested"), queryset=Skill.objects.order_by("family", "code"),
                                            required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
                                            help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."))


class _CoachChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.user!s}（{membership.organization.name_zh} · " \
               f"{membership.get_role_display()}）"


class _StudentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return str(user)


class TeamForm(forms.Form):
    """A team of one school: the pickers offer that school's students and its eligible coaches."""

    name = forms.CharField(label=_("team name"), max_length=100)
    students = _StudentChoice(label=_("contestants"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False)
    coaches = _CoachChoice(label=_("coaches"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False,
                           help_text=_("Teachers of the school and engineers of member enterprises."))

    def __init__(self, *args, school, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["students"].queryset = services.school_students(school)
        self.fields["students"].help_text = _("Exactly %(size)s, students of %(school)s.") % {
            "size": category.team_size, "school": school.name_zh}
        self.fields["coaches"].queryset = services.eligible_coaches(school)
        if not self.is_bound:
            number = category.teams.filter(school=school).count() + 1
            self.initial.setdefault("name", f"{school.name_zh} {number}队")


class SchoolChoiceForm(forms.Form):
    """Which school's team (for people of several schools, and the secretariat)."""

    school = forms.ModelChoiceField(label=_("school"), queryset=Organization.objects.none(), required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


def school_choices(user, competition):
    """The schools ``user`` may register a team of in ``competition``."""
    schools = Organization.objects.filter(status=OrganizationStatus.ACTIVE, kind__in=SCHOOL_KINDS).order_by("name_zh")
    if access.is_secretariat(user):
        if competition.level == CompetitionLevel.SCHOOL:
            schools = schools.filter(pk=competition.organizer_id)
        return schools
    return schools.filter(pk__in=access.registering_schools(user, competition))


class ResultsForm(forms.Form):
    """A rank and an award for every team of the competition (fields ``rank_<pk>``, ``award_<pk>``)."""

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = teams
        for team in teams:
            self.fields[f"rank_{team.pk}"] = forms.IntegerField(
                label=_("place of %(team)s") % {"team": team.name}, min_value=1, max_value=999, required=False,
                initial=team.rank)
            self.fields[f"award_{team.pk}"] = forms.TypedChoiceField(
                label=_("award of %(team)s") % {"team": team.name}, required=False, coerce=int, empty_value=None,
                choices=[("", _("No award"))] + list(Award.choices), initial=team.award)

    def rows(self):
        return [(team, self[f"rank_{team.pk}"], self[f"award_{team.pk}"]) for team in self.teams]

    def results(self) -> dict:
        return {team.pk: (self.cleaned_data[f"rank_{team.pk}"], self.cleaned_data[f"award_{team.pk}"])
                for team in self.teams}


class CompetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    level = forms.TypedChoiceField(label=_("level"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("Any level"))] + list(CompetitionLevel.choices))
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
