"""Governance forms: routing of matters. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import Body, Level, MatterKind, MatterStatus, StepAction


def _active_bodies():
    return Body.objects.filter(is_active=True).order_by("kind", "name")


class MatterFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("status"), choices=[("", _("All"))] + MatterStatus.choices, required=False)
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.order_by("kind", "name"), required=False,
                                  empty_label=_("All"))
    level = forms.ChoiceField(label=_("level"), choices=[("", _("All"))] + Level.choices, required=False)


ROUTED_KINDS = [(value, label) for value, label in MatterKind.choices if value != MatterKind.MINUTES]


class MatterForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    kind = forms.ChoiceField(label=_("kind of matter"), choices=ROUTED_KINDS)
    body = forms.ModelChoiceField(label=_("first body"), queryset=Body.objects.none(),
                                  help_text=_("The body that drafts the matter, e.g. the discussion group."))
    action = forms.ChoiceField(label=_("action"), choices=[(StepAction.DRAFT, StepAction.DRAFT.label),
                                                            (StepAction.REVIEW, StepAction.REVIEW.label),
                                                            (StepAction.DECIDE, StepAction.DECIDE.label)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _active_bodies()


class ForwardForm(forms.Form):
    outcome_text = forms.CharField(label=_("outcome of this step"), max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    body = forms.ModelChoiceField(label=_("next body"), queryset=Body.objects.none())
    action = forms.ChoiceField(label=_("what the next body does"),
                               choices=[(StepAction.REVIEW, StepAction.REVIEW.label),
                                        (StepAction.DECIDE, StepAction.DECIDE.label)],
                               help_text=_("A matter is decided by a body of the planning and decision level."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _active_bodies()


class OutcomeForm(forms.Form):
    outcome_text = forms.CharField(label=_("what was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class SettingsForm(forms.Form):
    admission_needs_council_vote = forms.BooleanField(
        label=_("admission needs a council vote"), required=False,
        help_text=_("When on, an application the secretariat approves goes to the council as a matter, and the "
                    "organisation stays an applicant until the council adopts its admission."))
