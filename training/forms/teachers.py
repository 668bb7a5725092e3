"""Forms of teachers' training records and 双师型 applications. They check the shape of the
input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organization, OrganizationStatus
from training.models import DualLevel, PracticeColour, TrainingKind, TrainingLevel, TrainingRecordStatus


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=TrainingKind.choices)
    level = forms.ChoiceField(label=_("level"), required=False,
                              choices=[("", _("Not a training course"))] + list(TrainingLevel.choices),
                              help_text=_("For training courses: national, provincial or school level."))
    provider = forms.ModelChoiceField(label=_("provider organisation"), queryset=Organization.objects.none(),
                                      help_text=_("The member organisation that provided the training; it signs "
                                                  "the record off."))
    title = forms.CharField(label=_("title"), max_length=200)
    starts_on = forms.DateField(label=_("start date"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("end date"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("days"), min_value=1, max_value=3660,
                              help_text=_("Days of practice or training in the period."))
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=32767)
    content = forms.CharField(label=_("content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.CharField(label=_("outcomes"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("evidence"), required=False,
                               help_text=_("A certificate, report or photo: PDF, Word, Excel, JPG or PNG, up to 10 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = (Organization.objects.filter(status=OrganizationStatus.ACTIVE)
                                            .order_by("name_zh"))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), widget=forms.RadioSelect, choices=[
        ("sign_off", _("Sign off: the training took place as recorded")),
        ("return", _("Return to the teacher for correction")),
    ])
    reason = forms.CharField(label=_("reason for returning"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("Any kind"))] + list(TrainingKind.choices))
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(TrainingRecordStatus.choices))


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    colour = forms.ChoiceField(label=_("indicator"), required=False,
                               choices=[("", _("Any indicator"))] + list(PracticeColour.choices))
    dual = forms.ChoiceField(label=_("Dual-qualified (双师型)"), required=False, choices=[
        ("", _("Everyone")), ("yes", _("Certified")), ("no", _("Not certified"))])
    school = forms.ModelChoiceField(label=_("school"), required=False, queryset=Organization.objects.none())

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools if schools is not None else Organization.objects.none()


class DualApplyForm(forms.Form):
    level = forms.ChoiceField(label=_("level applied for"), choices=DualLevel.choices)
    records = forms.ModelMultipleChoiceField(label=_("training records"), queryset=None,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Your signed-off records, as evidence."))
    qualifications = forms.CharField(label=_("qualifications"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                                     help_text=_("Certificates, titles and industry experience."))

    def __init__(self, *args, records=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].queryset = records
        self.fields["records"].label_from_instance = lambda r: f"{r.title} · {r.starts_on}–{r.ends_on} · {r.days}"


class DualDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), widget=forms.RadioSelect, choices=[
        ("approve", _("Certify")), ("reject", _("Reject"))])
    level = forms.ChoiceField(label=_("level certified"), required=False,
                              choices=[("", "—")] + list(DualLevel.choices))
    reasons = forms.CharField(label=_("reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
