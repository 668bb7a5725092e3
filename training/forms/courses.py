"""Forms of co-developed courses: proposing and editing a course, a unit, a teaching case, a
textbook chapter, the resources of a version, submitting, reviewing, retiring, and the filters
of the list and the coverage page. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from credentials.models import Achievement, AchievementKind
from members.models import Organization, OrganizationKind, OrganizationStatus
from reference.models import EducationLevel, Major, Skill
from training.models import Competence, Competition, CourseStatus, ReviewDecision, Standard


def _multiple(label, queryset, help_text=""):
    return forms.ModelMultipleChoiceField(label=label, queryset=queryset, required=False, help_text=help_text,
                                          widget=forms.SelectMultiple(attrs={"size": 6}))


class CourseForm(forms.Form):
    school = forms.ModelChoiceField(label=_("school"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("title"), max_length=200)
    code = forms.CharField(label=_("course code"), max_length=30, required=False)
    major = forms.ModelChoiceField(label=_("major"), queryset=Major.objects.filter(level=Major.Level.MAJOR))
    level = forms.TypedChoiceField(label=_("education level"), choices=EducationLevel.choices, coerce=int)
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=2000)
    credits = forms.DecimalField(label=_("credits"), min_value=0, max_digits=4, decimal_places=1)
    summary = forms.CharField(label=_("summary"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    partners = forms.ModelMultipleChoiceField(
        label=_("partner enterprises"), widget=forms.SelectMultiple(attrs={"size": 5}),
        queryset=Organization.objects.filter(kind=OrganizationKind.ENTERPRISE, status=OrganizationStatus.ACTIVE),
        help_text=_("The member enterprises that write the course with the school and approve its versions."))
    skills = _multiple(_("skills it serves"), Skill.objects.all(),
                       _("The skills of the postings the course prepares students for."))
    competitions = _multiple(_("competitions it prepares for"), Competition.objects.all())
    certificates = _multiple(_("certificates it leads to"),
                             Achievement.objects.filter(kind=AchievementKind.SKILL_CERTIFICATE, is_active=True))

    def __init__(self, *args, schools=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["school"]
        else:
            self.fields["school"].queryset = Organization.objects.filter(pk__in=schools or []).order_by("name_zh")
        self.fields["major"].label_from_instance = lambda m: f"{m.code} {m.name}"
        self.fields["skills"].label_from_instance = lambda s: f"{s.code} {s.name}"


class UnitForm(forms.Form):
    order = forms.IntegerField(label=_("order"), min_value=1, max_value=200)
    title = forms.CharField(label=_("title"), max_length=200)
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=1000)
    outcomes = forms.CharField(label=_("learning outcomes"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    competences = _multiple(_("competences"), Competence.objects.select_related("standard"),
                            _("The competences of standards the unit teaches to."))
    standards = _multiple(_("standards"), Standard.objects.all(), _("The standards the unit cites."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].label_from_instance = lambda c: f"{c.standard.code} {c.code} {c.name}"


class CaseForm(forms.Form):
    text = forms.CharField(label=_("teaching case"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("A real project the unit is taught through."))
    enterprise = forms.ModelChoiceField(label=_("contributed by"), queryset=Organization.objects.none(),
                                        required=False)

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = course.partners.order_by("name_zh")


class ChapterForm(forms.Form):
    number = forms.IntegerField(label=_("chapter"), min_value=1, max_value=200)
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(label=_("content"), max_length=20000, required=False,
                           widget=forms.Textarea(attrs={"rows": 10}))


class ResourcesForm(forms.Form):
    resources = forms.ModelMultipleChoiceField(label=_("teaching resources"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resources"].queryset = queryset


class SubmitForm(forms.Form):
    note = forms.CharField(label=_("what changed"), max_length=500, required=False,
                           help_text=_("A line for the partners: what this version adds or changes."))


class ReviewForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("for"), queryset=Organization.objects.none(), empty_label=None)
    decision = forms.ChoiceField(label=_("decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("comment"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Required when you request changes."))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("why it is retired"), max_length=300)


class CourseFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(CourseStatus.choices))
    school = forms.ModelChoiceField(label=_("school"), required=False, empty_label=_("Any school"),
                                    queryset=Organization.objects.none())
    major = forms.ModelChoiceField(label=_("major"), required=False, empty_label=_("Any major"),
                                   queryset=Major.objects.none())
    needs_review = forms.BooleanField(label=_("Only courses needing review"), required=False)

    def __init__(self, *args, schools, majors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["major"].queryset = majors
        self.fields["major"].label_from_instance = lambda m: f"{m.code} {m.name}"


class CoverageFilterForm(forms.Form):
    family = forms.ChoiceField(label=_("family of majors"), required=False)
    school = forms.ModelChoiceField(label=_("school"), required=False, empty_label=_("Any school"),
                                    queryset=Organization.objects.none())
    untaught = forms.BooleanField(label=_("Only skills no course teaches"), required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        families = Major.objects.filter(level=Major.Level.FAMILY).order_by("code")
        self.fields["family"].choices = [("", _("Any family"))] + [(m.family_code or m.code, f"{m.code} {m.name}")
                                                                    for m in families]
        self.fields["school"].queryset = schools


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("version"), min_value=1)
    b = forms.IntegerField(label=_("compared with version"), min_value=1)
