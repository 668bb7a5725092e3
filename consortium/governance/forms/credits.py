"""Responsibility credits' forms: a rule, a subsidy scheme, a redemption request and decision,
crediting contributions, and the lists' filters. They check the shape; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import ContributionKind, CreditRule, EntryKind, RedemptionStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RuleForm(forms.Form):
    code = forms.SlugField(label=_("code"), max_length=40, help_text=_("Letters, digits and hyphens, e.g. intern-2027."))
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind of contribution"), choices=ContributionKind.choices)
    credits_per_unit = forms.IntegerField(label=_("credits per unit"), min_value=1, max_value=100000)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("valid to"), required=False, widget=DATE, help_text=_("Left empty, until withdrawn."))


class SchemeForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    credits_per_unit = forms.IntegerField(label=_("credits per unit"), min_value=1, max_value=100000)
    value_per_unit = forms.DecimalField(label=_("yuan per unit"), min_value=0.01, max_digits=12, decimal_places=2)
    opens_on = forms.DateField(label=_("open from"), widget=DATE)
    closes_on = forms.DateField(label=_("open until"), required=False, widget=DATE)


class RedemptionForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("organisation"), coerce=int)
    credits = forms.IntegerField(label=_("credits asked"), min_value=1)
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def __init__(self, *args, organizations, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0].pk
        self.fields["credits"].help_text = _("A whole number of units of %(n)s credits; each unit is worth ¥%(value)s.") % {
            "n": scheme.credits_per_unit, "value": scheme.value_per_unit}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    reason = forms.CharField(label=_("reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Needed to refuse; the organisation sees it."))


class CreditContributionsForm(forms.Form):
    rule = forms.ModelChoiceField(label=_("rule"), queryset=CreditRule.objects.none())
    contributions = forms.TypedMultipleChoiceField(label=_("contributions"), coerce=int, choices=())

    def __init__(self, *args, contribution_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = CreditRule.objects.published().order_by("kind", "-valid_from")
        self.fields["contributions"].choices = [(pk, pk) for pk in contribution_ids]


class LedgerFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds"))] + EntryKind.choices)


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("sort by"), required=False, choices=[
        ("name", _("Name")), ("-balance", _("Balance, highest first")), ("balance", _("Balance, lowest first"))])


class RedemptionFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("All statuses"))] + RedemptionStatus.choices)


class ContributionFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds"))] + ContributionKind.choices)
