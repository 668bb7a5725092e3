"""Governance forms: minutes. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import Body


class MinutesFilterForm(forms.Form):
    STATUS = [("", _("All")), ("open", _("With a draft")), ("approved", _("Approved"))]

    q = forms.CharField(label=_("search"), required=False, max_length=100)
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.order_by("kind", "name"), required=False,
                                  empty_label=_("All"))
    status = forms.ChoiceField(label=_("status"), choices=STATUS, required=False)


class MinutesTextForm(forms.Form):
    text = forms.CharField(label=_("text"), max_length=50000, widget=forms.Textarea(attrs={"rows": 24}))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))


class VoteDeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("written vote closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("The seats of the body vote until then; the vote closes earlier when every seat has voted."))
