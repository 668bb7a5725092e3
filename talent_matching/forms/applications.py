"""Forms of applications: they check the shape of what is typed; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from talent_matching.models import ApplicationStage


class ApplyForm(forms.Form):
    note = forms.CharField(
        label=_("note to the enterprise"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: why this posting interests you, when you can start."),
    )


class InviteForm(forms.Form):
    note = forms.CharField(
        label=_("note to the student"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: why you think the posting suits them."),
    )


class StepForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Optional; the other side reads it in the history and the e-mail."))


class InterviewForm(StepForm):
    interview_at = forms.DateTimeField(
        label=_("interview date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    interview_place = forms.CharField(label=_("interview place"), max_length=200,
                                      help_text=_("An address, or how to join online."))

    field_order = ["interview_at", "interview_place", "note"]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


STAGE_CHOICES = [("", _("All stages")), ("open", _("Open (not closed)"))] + list(ApplicationStage.choices)


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("stage"), required=False, choices=STAGE_CHOICES)


class ReceivedFilterForm(ApplicationFilterForm):
    posting = forms.ModelChoiceField(label=_("posting"), required=False, queryset=None, empty_label=_("All postings"))

    def __init__(self, *args, postings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posting"].queryset = postings
