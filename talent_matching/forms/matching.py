"""Filters of the matching pages (the shape of the input only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reference.models import EducationLevel


class CandidateFilterForm(forms.Form):
    q = forms.CharField(label=_("name, school or major"), max_length=50, required=False)
    level = forms.TypedChoiceField(label=_("level"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("Any school level"))] + list(EducationLevel.choices))
    min_score = forms.IntegerField(label=_("lowest score"), min_value=0, max_value=100, required=False)
    verified = forms.BooleanField(label=_("with verified skills only"), required=False)


class RecommendationFilterForm(forms.Form):
    q = forms.CharField(label=_("title or enterprise"), max_length=50, required=False)
    min_score = forms.IntegerField(label=_("lowest score"), min_value=0, max_value=100, required=False)
