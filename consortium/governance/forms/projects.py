"""Governance forms: projects and funds. They check the shape of the input; the rules are the
services'."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import (
    AssessmentResult,
    BodyKind,
    FundSource,
    ProjectKind,
    ProjectStatus,
    Resolution,
)
from core.files import DOCUMENTS, accepted
from members.models import Organization, OrganizationStatus


def _organizations():
    return Organization.objects.filter(status=OrganizationStatus.ACTIVE).order_by("name_zh")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds"))] + ProjectKind.choices)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("All statuses"))] + ProjectStatus.choices)
    organization = forms.ModelChoiceField(label=_("lead or partner"), required=False, queryset=Organization.objects.none(),
                                          empty_label=_("Any organisation"),
                                          widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations()


class ProjectForm(forms.Form):
    code = forms.CharField(label=_("project code"), max_length=30, help_text=_("Such as CJ-2026-01."))
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=ProjectKind.choices)
    lead = forms.ModelChoiceField(label=_("lead organisation"), queryset=Organization.objects.none())
    description = forms.CharField(label=_("description"), max_length=5000, required=False, widget=forms.Textarea(
        attrs={"rows": 4}))
    starts_on = forms.DateField(label=_("starts"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("ends"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    is_public = forms.BooleanField(label=_("public"), required=False, help_text=_(
        "The project and its budget execution are shown on the public disclosure pages without signing in."))

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _organizations()
        if editing:
            self.fields["code"].disabled = True


class PartnerForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("organisation"), queryset=Organization.objects.none())
    role = forms.CharField(label=_("role in the project"), max_length=100,
                           help_text=_("What the organisation brings, such as “co-builder” or “funder”."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations()


class BudgetLineForm(forms.Form):
    source = forms.ChoiceField(label=_("source of funds"), choices=FundSource.choices)
    title = forms.CharField(label=_("budget line"), max_length=200)
    amount = forms.DecimalField(label=_("budget (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"))


class ExpenseForm(forms.Form):
    line = forms.ModelChoiceField(label=_("budget line"), queryset=None)
    amount = forms.DecimalField(label=_("amount (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    spent_on = forms.DateField(label=_("spent on"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("what was paid for"), max_length=500)
    evidence = forms.FileField(label=_("evidence"), required=False)
    authorised_by = forms.ModelChoiceField(
        label=_("overspend authorised by"), required=False, queryset=None,
        help_text=_("Only when the expense takes the line beyond its budget: the resolution on a budget change "
                    "that authorises it."))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = project.budget_lines.order_by("source", "id")
        self.fields["line"].label_from_instance = lambda line: f"{line.get_source_display()} · {line.title}"
        self.fields["authorised_by"].queryset = Resolution.objects.filter(
            motion__matter="budget").order_by("-adopted_on", "-sequence")
        self.fields["evidence"].help_text = _("The invoice, receipt or contract: %(kinds)s, up to 10 MB.") % {
            "kinds": accepted(DOCUMENTS)}
        self.fields["evidence"].widget.attrs["accept"] = ",".join(
            ext for kind in DOCUMENTS for ext in kind.extensions)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("milestone"), max_length=200)
    due_on = forms.DateField(label=_("due"), widget=forms.DateInput(attrs={"type": "date"}))


class ApprovalForm(forms.Form):
    """Link a resolution of the council that approved the project."""

    resolution = forms.ModelChoiceField(label=_("approving resolution"), queryset=Resolution.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = Resolution.objects.filter(
            body__kind=BodyKind.COUNCIL).order_by("-adopted_on", "-sequence")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ProjectStatus.choices)


CRITERIA_ROWS = 5


class AssessmentForm(forms.Form):
    """The result, an overall comment and up to five scored criteria."""

    result = forms.ChoiceField(label=_("result"), choices=AssessmentResult.choices)
    comment = forms.CharField(label=_("overall comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, CRITERIA_ROWS + 1):
            self.fields[f"criterion_{n}"] = forms.CharField(
                label=_("criterion %(n)s") % {"n": n}, max_length=200, required=n == 1)
            self.fields[f"score_{n}"] = forms.IntegerField(label=_("score %(n)s") % {"n": n}, min_value=0,
                                                           max_value=1000, required=False)
            self.fields[f"max_{n}"] = forms.IntegerField(label=_("out of %(n)s") % {"n": n}, min_value=1,
                                                         max_value=1000, required=False)
            self.fields[f"note_{n}"] = forms.CharField(label=_("comment %(n)s") % {"n": n}, max_length=1000,
                                                       required=False)

    def clean(self):
        data = super().clean()
        for n in range(1, CRITERIA_ROWS + 1):
            if data.get(f"criterion_{n}"):
                if data.get(f"score_{n}") is None:
                    self.add_error(f"score_{n}", _("Give the score."))
                if data.get(f"max_{n}") is None:
                    self.add_error(f"max_{n}", _("Give the maximum score."))
        return data

    def scores(self) -> list[tuple]:
        data = self.cleaned_data
        return [(data[f"criterion_{n}"], data[f"score_{n}"], data[f"max_{n}"], data[f"note_{n}"])
                for n in range(1, CRITERIA_ROWS + 1) if data.get(f"criterion_{n}")]
