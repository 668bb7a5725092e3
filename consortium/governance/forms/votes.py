"""Forms of motions, votes and resolutions: they check the shape of the input; the rules are the
services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import Body, Choice, MatterKind, MotionStatus, VotingMode


class MotionForm(forms.Form):
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.none())
    title = forms.CharField(label=_("title"), max_length=200)
    text = forms.CharField(label=_("text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    matter = forms.ChoiceField(label=_("kind of matter"), choices=MatterKind.choices,
                               help_text=_("The kind of matter sets the majority needed: charter changes need two "
                                           "thirds of the seats; plans, projects, budgets and admissions an absolute "
                                           "majority of the seats; other matters a majority of the votes cast."))
    mode = forms.ChoiceField(label=_("how it is voted"), choices=VotingMode.choices)
    deadline = forms.DateTimeField(label=_("written vote closes"), required=False,
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                   help_text=_("For a written vote only."))

    def __init__(self, *args, bodies, agenda_item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        if agenda_item is not None:
            # The motion goes on this agenda item: its meeting's body, voted in the meeting.
            del self.fields["body"]
            self.fields["mode"].initial = VotingMode.MEETING
            self.fields["title"].initial = agenda_item.title


class VoteForm(forms.Form):
    seat = forms.TypedChoiceField(label=_("seat"), coerce=int, widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("your vote"), choices=Choice.choices, widget=forms.RadioSelect)

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [(seat.pk, str(seat)) for seat in seats]


class RecusalForm(forms.Form):
    seat = forms.TypedChoiceField(label=_("seat"), coerce=int)
    reason = forms.CharField(label=_("conflict of interest"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Say what ties the seat's organisation to the matter. It is shown on the "
                                         "motion and in the minutes."))

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [(seat.pk, seat.organization.name) for seat in seats]


class MotionFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.order_by("kind", "name"), required=False,
                                  empty_label=_("All"))
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All")), *MotionStatus.choices])


class ResolutionFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.order_by("kind", "name"), required=False,
                                  empty_label=_("All"))
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
    matter = forms.ChoiceField(label=_("kind of matter"), required=False, choices=[("", _("All")), *MatterKind.choices])
