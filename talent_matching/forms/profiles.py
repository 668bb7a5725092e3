"""Forms of student profiles: the profile with its skills formset, consent, a school's list
filters and import, the secretariat's retention period. They check the shape of input; the rules
live in ``talent_matching.services.profiles``."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from reference.forms import MajorField, SkillField
from reference.models import Region
from talent_matching.models import PostingKind, SkillLevel, StudentProfile, TalentSettings, Visibility


class RegionsField(forms.CharField):
    """Preferred regions typed as codes or names, separated by 、 ; or commas."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            regions = value.all() if hasattr(value, "all") else value
            return "、".join(region.name for region in regions if isinstance(region, Region))
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        parts = [p.strip() for p in text.replace("；", ";").replace("，", ";").replace(",", ";").replace("、", ";").split(";")]
        regions = []
        for part in filter(None, parts):
            region = Region.objects.filter(code=part).first() or Region.objects.filter(name=part).first()
            if region is None:
                raise ValidationError(_("“%(value)s” is not a region: type a six-digit code or the name of a city or "
                                        "district."), params={"value": part})
            if region not in regions:
                regions.append(region)
        if len(regions) > 10:
            raise ValidationError(_("Name ten regions at most."))
        return regions


class ProfileForm(forms.ModelForm):
    major = MajorField(label=_("major"))
    regions = RegionsField(label=_("preferred regions"),
                           help_text=_("Cities or districts, by name or code, separated by 、; left empty, anywhere."))
    kinds = forms.MultipleChoiceField(label=_("open to"), choices=PostingKind.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("The kinds of posting you are open to; left empty, every kind."))

    class Meta:
        model = StudentProfile
        fields = ["school", "major", "education_level", "graduation_year", "available_from", "kinds", "summary"]
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, schools, by_school=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organization.objects.filter(pk__in=schools).order_by("name_zh")
        self.fields["school"].empty_label = None
        if self.instance.pk:
            self.fields["regions"].initial = list(self.instance.regions.all())
        self.order_fields(["school", "major", "education_level", "graduation_year", "regions"])
        if by_school:
            self.fields["left_school_at"] = forms.DateField(
                label=_("left school on"), required=False, initial=self.instance.left_school_at,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                help_text=_("Set when the student leaves; the profile is de-identified after the retention period."))

    def clean_kinds(self):
        return list(self.cleaned_data["kinds"])

    def _post_clean(self):
        super()._post_clean()
        if "left_school_at" in self.fields and "left_school_at" in self.cleaned_data:
            self.instance.left_school_at = self.cleaned_data["left_school_at"]


class SkillForm(forms.Form):
    skill = SkillField(label=_("skill"))
    level = forms.TypedChoiceField(label=_("level"), choices=SkillLevel.choices, coerce=int,
                                   initial=SkillLevel.BASIC)
    credential = forms.ModelChoiceField(
        label=_("evidence"), required=False, queryset=None, empty_label=_("None (self-declared)"),
        help_text=_("A credential you hold that shows the skill; without one the skill is self-declared."),
    )

    def __init__(self, *args, credentials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].queryset = credentials
        self.fields["credential"].label_from_instance = lambda c: f"{c.achievement.name} {c.achievement.level}".strip()


class BaseSkillFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not form.is_valid():
                continue
            skill = form.cleaned_data.get("skill")
            if skill is not None and skill.pk in seen:
                form.add_error("skill", _("This skill is listed twice."))
            seen.add(getattr(skill, "pk", None))

    def rows(self) -> list[dict]:
        return [
            {"skill": form.cleaned_data["skill"], "level": form.cleaned_data["level"],
             "credential": form.cleaned_data.get("credential")}
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form) and form.cleaned_data.get("skill")
        ]


SkillFormSet = forms.formset_factory(SkillForm, formset=BaseSkillFormSet, extra=2, can_delete=True, max_num=30,
                                     validate_max=True)


class ConsentForm(forms.Form):
    visibility = forms.ChoiceField(label=_("who may see my profile"), choices=Visibility.choices,
                                   widget=forms.RadioSelect)


class SchoolProfileFilter(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100,
                        help_text=_("Name, user name or e-mail address."))
    major = MajorField(label=_("major"), required=False)
    graduation_year = forms.IntegerField(label=_("graduation year"), required=False, min_value=2000, max_value=2100)
    visibility = forms.ChoiceField(label=_("who may see it"), required=False,
                                   choices=[("", _("Any choice"))] + list(Visibility.choices))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: 用户名 (or 电子邮箱), 专业, 毕业年份; optionally 层次, 技能 (codes or names, separated by "
                    "、, each optionally followed by :中级), 意向地区, 可到岗日期 (YYYY-MM-DD)."),
    )


class RetentionForm(forms.ModelForm):
    class Meta:
        model = TalentSettings
        fields = ["retention_days"]
