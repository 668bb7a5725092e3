"""Forms of supply and demand: the table's filters and the secretariat's thresholds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from talent_matching.models import WarningThresholds
from talent_matching.selectors import supply as selectors


class SupplyFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("month"), required=False)
    industry = forms.ChoiceField(label=_("industry of the enterprise"), required=False)
    region = forms.ChoiceField(label=_("region of the posting"), required=False)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(f"{p:%Y-%m}", f"{p:%Y-%m}") for p in periods]
        self.fields["industry"].choices = [("", _("All industries"))] + selectors.industry_choices()
        self.fields["region"].choices = [("", _("All regions"))] + selectors.region_choices()
        self.periods = {f"{p:%Y-%m}": p for p in periods}

    def values(self) -> dict:
        """The chosen month (the latest when none), industry and region prefixes; an unknown
        choice counts as none."""
        data = self.cleaned_data if self.is_valid() else {}
        period = self.periods.get(data.get("period") or "") or (next(iter(self.periods.values()), None))
        return {
            "period": period,
            "industry": data.get("industry") or "",
            "region": selectors.region_prefix(data.get("region") or ""),
        }


THRESHOLD_FIELDS = ["low_red", "low_yellow", "high_yellow", "high_red"]


class ThresholdsForm(forms.Form):
    """The four ratios, in order; the service checks the order again."""

    def __init__(self, *args, instance: WarningThresholds, **kwargs):
        kwargs.setdefault("initial", {name: getattr(instance, name) for name in THRESHOLD_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(WarningThresholds, fields=THRESHOLD_FIELDS))

    def clean(self):
        data = super().clean()
        values = [data.get(name) for name in THRESHOLD_FIELDS]
        if None not in values:
            low_red, low_yellow, high_yellow, high_red = values
            if low_red >= low_yellow:
                self.add_error("low_yellow", _("Yellow below must be greater than red below."))
            if low_yellow >= high_yellow:
                self.add_error("high_yellow", _("Yellow above must be greater than yellow below."))
            if high_yellow >= high_red:
                self.add_error("high_red", _("Red above must be greater than yellow above."))
        return data
