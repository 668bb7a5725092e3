"""The public disclosure pages' search form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import Body


class PublicResolutionFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Number, title or text of a resolution."))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    body = forms.ModelChoiceField(label=_("Body"), required=False, queryset=Body.objects.none(),
                                  empty_label=_("All bodies"))

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]
        self.fields["body"].queryset = Body.objects.filter(resolutions__is_public=True).distinct()
