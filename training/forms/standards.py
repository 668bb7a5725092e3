"""Forms of standards: a standard, a next version, a competence, and the list's filters. They
check the shape of the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from reference.models import Skill
from training.models import StandardKind


def _date():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StandardForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("kept by"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=StandardKind.choices)
    code = forms.CharField(label=_("code"), max_length=40, help_text=_("As printed on the standard, e.g. GB/T 39116."))
    title = forms.CharField(label=_("title"), max_length=200)
    issuing_body = forms.CharField(label=_("issuing body"), max_length=200)
    version = forms.CharField(label=_("version"), max_length=20, help_text=_("The year or edition, e.g. 2020."))
    effective_on = forms.DateField(label=_("effective date"), widget=_date())
    summary = forms.CharField(label=_("summary"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, owners=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["owner"], self.fields["code"]
        else:
            self.fields["owner"].queryset = owners.order_by("name_zh")
            if owners.count() == 1:
                self.fields["owner"].initial = owners.first()


class NewVersionForm(forms.Form):
    version = forms.CharField(label=_("version"), max_length=20, help_text=_("The year or edition, e.g. 2020."))
    effective_on = forms.DateField(label=_("effective date"), widget=_date())
    title = forms.CharField(label=_("title"), max_length=200)
    issuing_body = forms.CharField(label=_("issuing body"), max_length=200)
    summary = forms.CharField(label=_("summary"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))


class CompetenceForm(forms.Form):
    code = forms.CharField(label=_("code"), max_length=20, help_text=_("Its number in the standard, e.g. 4.2.1."))
    name = forms.CharField(label=_("name"), max_length=200)
    description = forms.CharField(label=_("description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    skill = forms.ModelChoiceField(label=_("skill"), queryset=Skill.objects.order_by("code"), required=False,
                                   help_text=_("The skill of the consortium's vocabulary this competence builds."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].label_from_instance = lambda s: f"{s.code} {s.name}"


class StandardFilterForm(forms.Form):
    CURRENT = [("current", _("Current versions")), ("past", _("Past versions")), ("all", _("All versions"))]

    q = forms.CharField(label=_("search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("Any kind"))] + list(StandardKind.choices))
    owner = forms.ModelChoiceField(label=_("kept by"), required=False, queryset=Organization.objects.none(),
                                   empty_label=_("Any organisation"))
    current = forms.ChoiceField(label=_("versions"), required=False, choices=CURRENT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"
        self.fields["owner"].queryset = Organization.objects.filter(training_standards__isnull=False).distinct().order_by("name_zh")
