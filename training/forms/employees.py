"""Forms of enterprise employee training: the school's programme and sessions, an enterprise's
enrolment, attendance, assessment, and the filters. They check the shape of the input; the rules
are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from credentials.models import Achievement
from members.models import Organization, User
from reference.models import Major
from training.models import EnrolmentStatus, ProgrammeKind, ProgrammeStatus


class ProgrammeForm(forms.Form):
    school = forms.ModelChoiceField(label=_("school"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=ProgrammeKind.choices)
    major = forms.ModelChoiceField(label=_("major"), queryset=Major.objects.none(), required=False)
    description = forms.CharField(label=_("description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=2000)
    required_share = forms.IntegerField(
        label=_("attendance required (%)"), min_value=1, max_value=100, initial=80,
        help_text=_("The share of the programme's hours an employee must attend to complete it."))
    fee = forms.DecimalField(label=_("fee per person (yuan)"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=100000)
    starts_on = forms.DateField(label=_("starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("ends"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("status"), choices=ProgrammeStatus.choices, initial=ProgrammeStatus.OPEN)
    achievement = forms.ModelChoiceField(
        label=_("credential issued on completion"), queryset=Achievement.objects.none(), required=False,
        help_text=_("An employee-training certificate of your school (kept under Credentials). Issued to those who "
                    "complete the programme and have a portal account."))

    def __init__(self, *args, schools=(), achievements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organization.objects.filter(pk__in=[s.pk for s in schools]).order_by("name_zh")
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk
        self.fields["major"].queryset = Major.objects.order_by("code")
        if achievements is not None:
            self.fields["achievement"].queryset = achievements


class SessionForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=24)
    topic = forms.CharField(label=_("topic"), max_length=200)


class EnrolmentForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("enterprise"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("employee name"), max_length=50)
    employee_number = forms.CharField(label=_("employee number"), max_length=40)
    account = forms.ModelChoiceField(label=_("portal account"), queryset=User.objects.none(), required=False,
                                     help_text=_("If the employee has an account on the portal: a credential can "
                                                 "then be issued to them on completion."))

    def __init__(self, *args, enterprises=None, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        enterprises = list(enterprises or ())
        self.fields["enterprise"].queryset = Organization.objects.filter(pk__in=[e.pk for e in enterprises])
        if len(enterprises) == 1:
            self.fields["enterprise"].initial = enterprises[0].pk
        self.fields["account"].queryset = accounts
        self.fields["account"].label_from_instance = lambda u: u.full_name or u.username


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(label=_("present"), queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, enrolments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = enrolments
        self.fields["present"].label_from_instance = lambda e: f"{e.name}（{e.employee_number}）"


class AssessmentForm(forms.Form):
    score = forms.DecimalField(label=_("assessment score"), min_value=0, max_value=100, max_digits=5,
                               decimal_places=1, required=False)
    passed = forms.BooleanField(label=_("assessment passed"), required=False)


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False,
                             choices=[("", _("Any kind"))] + list(ProgrammeKind.choices))
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(ProgrammeStatus.choices))


class EnrolmentFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(EnrolmentStatus.choices))


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
