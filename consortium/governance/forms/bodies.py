"""Governance forms: bodies and seats. They check the shape of the input; the rules (quotas, one
chair, representatives of the seat's organisation) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import BodyKind, Level, QuorumRule, SeatRole
from consortium.governance.services.bodies import REPRESENTATIVE_ROLES
from members.models import Organization, OrganizationKind, OrganizationStatus, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=BodyKind.choices)
    level = forms.ChoiceField(label=_("level"), choices=Level.choices)
    code = forms.CharField(label=_("resolution mark"), max_length=2,
                           help_text=_("One or two characters used in resolution numbers, such as 理."))
    quorum_rule = forms.ChoiceField(label=_("quorum"), choices=QuorumRule.choices)
    description = forms.CharField(label=_("description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in OrganizationKind.choices:
            self.fields[f"quota_{kind}"] = forms.IntegerField(
                label=_("Seats for: %(kind)s") % {"kind": label}, required=False, min_value=0, max_value=999)
        self.fields[f"quota_{OrganizationKind.choices[0][0]}"].help_text = _(
            "Leave every quota empty to take seats of every kind; once one is set, a kind left empty has no seats.")

    def quota_fields(self):
        return [self[f"quota_{kind}"] for kind in OrganizationKind.values]

    def main_fields(self):
        return [self[name] for name in ("name", "name_en", "kind", "level", "code", "quorum_rule", "description")]

    def quotas(self) -> dict:
        return {kind: self.cleaned_data[f"quota_{kind}"] for kind in OrganizationKind.values
                if self.cleaned_data.get(f"quota_{kind}") is not None}

    def body_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("name", "name_en", "kind", "level", "code", "quorum_rule", "description")}

    @staticmethod
    def initial_for(body) -> dict:
        initial = {name: getattr(body, name) for name in
                   ("name", "name_en", "kind", "level", "code", "quorum_rule", "description")}
        initial.update({f"quota_{q.organization_kind}": q.seats for q in body.quotas.all()})
        return initial


class BodyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds")), *BodyKind.choices])
    level = forms.ChoiceField(label=_("level"), required=False, choices=[("", _("All levels")), *Level.choices])


class SeatFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind of organisation"), required=False,
                             choices=[("", _("All kinds")), *OrganizationKind.choices])
    role = forms.ChoiceField(label=_("office"), required=False, choices=[("", _("All offices")), *SeatRole.choices])


class OrganizationChoiceForm(forms.Form):
    """The first step of an appointment: which organisation takes the seat."""

    organization = forms.ModelChoiceField(label=_("organisation"), queryset=Organization.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            status=OrganizationStatus.ACTIVE).order_by("kind", "name_zh")


def people_of(organization):
    return User.objects.filter(
        is_active=True, memberships__organization=organization, memberships__ended_at__isnull=True,
        memberships__role__in=REPRESENTATIVE_ROLES).distinct().order_by("full_name", "username")


class RepresentativesForm(forms.Form):
    principal = forms.ModelChoiceField(label=_("principal representative"), queryset=User.objects.none())
    alternate = forms.ModelChoiceField(label=_("alternate representative"), queryset=User.objects.none(),
                                       required=False,
                                       help_text=_("Votes when the principal is absent or has delegated the vote."))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("principal", "alternate"):
            self.fields[name].queryset = people_of(organization)
            self.fields[name].label_from_instance = lambda user: user.display_name


class SeatTermsForm(forms.Form):
    role = forms.ChoiceField(label=_("office"), choices=SeatRole.choices, initial=SeatRole.MEMBER)
    weight = forms.IntegerField(label=_("voting weight"), min_value=1, max_value=100, initial=1)
    term_start = forms.DateField(label=_("term starts"), widget=DATE)
    term_end = forms.DateField(label=_("term ends"), required=False, widget=DATE)


class SeatForm(RepresentativesForm, SeatTermsForm):
    """An appointment: the organisation chosen, its representatives, the office, weight and term."""

    organization = forms.ModelChoiceField(label=_("organisation"), queryset=Organization.objects.none(),
                                          widget=forms.HiddenInput)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, organization=organization, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk=organization.pk)
        self.fields["organization"].initial = organization.pk
        self.order_fields(["organization", "principal", "alternate", "role", "weight", "term_start", "term_end"])


class EndSeatForm(forms.Form):
    reason = forms.CharField(label=_("reason for ending"), max_length=200,
                             help_text=_("Kept in the seat history, such as the end of a term."))


class DelegationForm(forms.Form):
    until = forms.DateField(label=_("delegated to the alternate until"), required=False, widget=DATE,
                            help_text=_("The alternate votes for the seat until this day, inclusive. Leave it empty "
                                        "to take the vote back."))
