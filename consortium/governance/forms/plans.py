"""Forms of plans: the secretariat's plan and item, an owner's progress report, adopting, and
the list's filters. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import Project, PlanItemStatus, PlanKind, Resolution
from members.models import Organization, OrganizationStatus


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("kind"), choices=PlanKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    is_public = forms.BooleanField(label=_("public"), required=False,
                                   help_text=_("Shown on the public disclosure pages without signing in."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


def _resolution_field(label):
    field = forms.ModelChoiceField(label=label, queryset=Resolution.objects.order_by("-adopted_on", "-sequence"),
                                   required=False)
    field.label_from_instance = lambda r: f"{r.number} {r.title}"
    return field


class PlanItemForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    owner = forms.ModelChoiceField(label=_("owner organisation"), queryset=Organization.objects.none())
    due_on = forms.DateField(label=_("due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("status"), choices=PlanItemStatus.choices)
    percent = forms.IntegerField(label=_("completion"), min_value=0, max_value=100, initial=0)
    resolution = _resolution_field(_("resolution"))
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.order_by("-created_at"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organization.objects.filter(status=OrganizationStatus.ACTIVE).order_by("name_zh")


class PlanItemProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=PlanItemStatus.choices)
    percent = forms.IntegerField(label=_("completion"), min_value=0, max_value=100,
                                 help_text=_("A done item counts as 100%."))


class AdoptForm(forms.Form):
    resolution = _resolution_field(_("adopting resolution"))


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("Any kind"))] + list(PlanKind.choices))
