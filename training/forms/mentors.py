"""Forms of industry mentors: the school's appointment, the enterprise's decision, the hours
taught, a withdrawal, and the list's filters. They check the shape of the input; the rules are
the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from training.access import mentors as access
from training.models import Course, MentorStatus


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        person = membership.user
        return f"{person.full_name or person.username}（{membership.organization.name_zh} · {membership.get_role_display()}）"


class AppointmentForm(forms.Form):
    school = forms.ModelChoiceField(label=_("school"), queryset=Organization.objects.none())
    mentor = MentorChoiceField(label=_("mentor"), queryset=access.mentor_memberships().none(),
                               help_text=_("An engineer (or HR person, administrator) of a member enterprise."))
    term = forms.CharField(label=_("term"), max_length=60, help_text=_("The school year and term, for example the first term of 2026–2027."))
    starts_on = forms.DateField(label=_("term starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("term ends"), widget=forms.DateInput(attrs={"type": "date"}))
    duties = forms.CharField(label=_("teaching duties"), max_length=200, required=False)
    courses = forms.ModelMultipleChoiceField(label=_("courses"), queryset=Course.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    planned_hours = forms.IntegerField(label=_("planned hours"), min_value=1, max_value=2000)

    def __init__(self, *args, schools=(), courses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organization.objects.filter(pk__in=[s.pk for s in schools]).order_by("name_zh")
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk
        self.fields["mentor"].queryset = (access.mentor_memberships().select_related("user", "organization")
                                          .order_by("organization__name_zh", "user__full_name", "pk"))
        if courses is not None:
            self.fields["courses"].queryset = courses


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), widget=forms.RadioSelect,
                                 choices=[("accept", _("Accept the appointment")), ("decline", _("Decline it"))])
    reason = forms.CharField(label=_("reason"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Needed when declining."))


class HoursForm(forms.Form):
    taught_hours = forms.IntegerField(label=_("hours taught"), min_value=0, max_value=2000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AppointmentFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    term = forms.ChoiceField(label=_("term"), required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(MentorStatus.choices))

    def __init__(self, *args, terms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].choices = [("", _("Any term"))] + [(t, t) for t in terms]
