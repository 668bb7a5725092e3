"""Forms of placement rounds: the secretariat's round (schools, postings, places), a student's
ranking, the lists' filters. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import SCHOOL_KINDS, Organization, OrganizationStatus
from talent_matching.models import (
    MAX_CHOICES,
    ROUND_KINDS,
    PlacementRound,
    Posting,
    PostingStatus,
    RoundStatus,
    UnplacedReason,
)
from talent_matching.models.postings import COHORT_KINDS


class RoundForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    kind = forms.ChoiceField(label=_("kind"), choices=ROUND_KINDS)
    schools = forms.ModelMultipleChoiceField(
        label=_("schools taking part"), queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple,
    )
    postings = forms.ModelMultipleChoiceField(
        label=_("postings taking part"), queryset=Posting.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Published internships, order classes and 2+1 placements; only those of the round's kind take part. "
                    "Each offers its headcount unless you set its places on the round's page."),
    )
    preferences_close_on = forms.DateField(
        label=_("preferences close on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Left empty, preferences are taken until you run the round."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = Organization.objects.filter(
            kind__in=SCHOOL_KINDS, status=OrganizationStatus.ACTIVE).order_by("name_zh")
        self.fields["postings"].queryset = Posting.objects.filter(
            kind__in=COHORT_KINDS, status=PostingStatus.PUBLISHED).select_related("organization").order_by(
            "organization__name_zh", "title")
        self.fields["postings"].label_from_instance = lambda p: f"{p.organization.name} · {p.title} · {p.get_kind_display()} ({p.headcount})"


class PlacesForm(forms.Form):
    """One field per posting of the round: its places (empty: the posting's headcount)."""

    def __init__(self, *args, round_postings, **kwargs):
        super().__init__(*args, **kwargs)
        self.round_postings = list(round_postings)
        for rp in self.round_postings:
            self.fields[f"places_{rp.posting_id}"] = forms.IntegerField(
                label=f"{rp.posting.organization.name} · {rp.posting.title}", required=False, min_value=0,
                max_value=10000, initial=rp.slots,
                help_text=_("Headcount: %(count)s") % {"count": rp.posting.headcount},
            )

    def places(self) -> dict:
        return {rp.posting: self.cleaned_data[f"places_{rp.posting_id}"] for rp in self.round_postings}


class RankForm(forms.Form):
    """Choice 1, 2, … (one per posting of the round, up to MAX_CHOICES), each a posting or none."""

    def __init__(self, *args, postings, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— none —"))] + [
            (str(p.pk), f"{p.title} · {p.organization.name}") for p in postings]
        # As many choices as there are postings to rank, up to MAX_CHOICES.
        self.count = max(1, min(MAX_CHOICES, len(postings)))
        for n in range(1, self.count + 1):
            self.fields[f"choice_{n}"] = forms.TypedChoiceField(
                label=_("Choice %(number)s") % {"number": n}, choices=choices, required=False, coerce=int,
                empty_value=None,
            )
        self.postings = {p.pk: p for p in postings}

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"choice_{n}") for n in range(1, self.count + 1)]
        chosen = [pk for pk in chosen if pk is not None]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Rank each posting once."))
        data["ranked"] = [self.postings[pk] for pk in chosen]
        return data


class RoundFilterForm(forms.Form):
    q = forms.CharField(label=_("name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("All"))] + list(RoundStatus.choices))
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds"))] + ROUND_KINDS)


RESULT_FILTERS = [("", _("All")), ("placed", _("Placed")), ("unplaced", _("Unplaced"))] + list(UnplacedReason.choices)


class ResultFilterForm(forms.Form):
    q = forms.CharField(label=_("student"), required=False, max_length=100)
    outcome = forms.ChoiceField(label=_("outcome"), required=False, choices=RESULT_FILTERS)


class StudentFilterForm(forms.Form):
    q = forms.CharField(label=_("student"), required=False, max_length=100)


__all__ = ["RoundForm", "PlacesForm", "RankForm", "RoundFilterForm", "ResultFilterForm", "StudentFilterForm",
           "PlacementRound"]
