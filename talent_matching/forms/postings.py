"""Forms of the postings pages: the posting in labelled parts, its skills and certificates as
rows of inline formsets (checked whole, each bad row's field named in the error summary), and
the filters of the lists. Codes (majors, occupations, skills, regions) are typed by code or name
and picked from suggestions; an unknown one is refused with what to type."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.forms import GroupedForm, RegionField, region_choices
from reference.forms import MajorField, OccupationField, SkillField
from reference.models import EducationLevel, Major, Region
from talent_matching.models import Posting, PostingCertificate, PostingKind, PostingSkill, PostingStatus
from talent_matching.services.postings import CertificateRow, SkillRow

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
# Majors are separated by commas, the Chinese enumeration comma, semicolons or new lines.
SEPARATORS = re.compile(r"[,，、;；\n]+")
MAX_MAJORS = 20


class MajorsField(MajorField):
    """Several majors, classes or families of majors, typed by code or name and separated by
    commas; each is checked as a ``MajorField`` and an unknown one is named in the message."""

    default_error_messages = {
        "too_many": _("Give at most %(max)s majors or families; a family covers all of its majors."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            shown = []
            for item in items:
                shown.append(super().prepare_value(item))
            return "，".join(str(item) for item in shown)
        return super().prepare_value(value)

    def to_python(self, value):
        pieces = [piece.strip() for piece in SEPARATORS.split(str(value or "")) if piece.strip()]
        if len(pieces) > MAX_MAJORS:
            raise ValidationError(self.error_messages["too_many"], code="too_many", params={"max": MAX_MAJORS})
        found, errors = [], []
        for piece in pieces:
            try:
                major = super().to_python(piece)
            except ValidationError as error:
                errors.extend(error.error_list)
            else:
                if major not in found:
                    found.append(major)
        if errors:
            raise ValidationError(errors)
        return found

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return True


class PostingForm(GroupedForm, forms.ModelForm):
    """The posting's own fields; the enterprise is chosen only by people who write for several."""

    organization = forms.ModelChoiceField(label=_("enterprise"), queryset=None, required=True)
    occupation = OccupationField(
        label=_("occupation (职业分类大典)"), required=False,
        help_text=_("Type the occupation's code or name and pick it from the suggestions; may be left empty."),
    )
    majors = MajorsField(
        label=_("accepted majors"),
        help_text=_("Majors or families of majors, by code or name, separated by commas (such as 460301, 51 "
                    "电子与信息大类). Left empty, every major is accepted."),
    )
    location = RegionField(
        label=_("location"), queryset=Region.objects.none(), to_field_name="code", required=False,
        help_text=_("The county or district where the work is: type its name or code."),
    )

    fieldsets = [
        (_("The posting"), ["organization", "kind", "title", "description", "occupation"]),
        (_("Who it is for"), ["majors", "min_level", "headcount"]),
        (_("Where, when and pay"), ["location", "salary_min", "salary_max", "starts_on", "ends_on", "deadline"]),
    ]

    class Meta:
        model = Posting
        fields = ["kind", "title", "description", "occupation", "min_level", "headcount", "location",
                  "salary_min", "salary_max", "starts_on", "ends_on", "deadline"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DATE, "ends_on": DATE, "deadline": DATE,
        }
        help_texts = {
            "title": _("As students search for it, such as 数控加工工艺员 or 2026 级工业机器人订单班."),
            "description": _("What the work or programme is, what the student learns and does, and what you offer."),
            "deadline": _("The last day students apply; needed to publish."),
            "salary_min": _("Monthly, in yuan, before tax; for an internship or order class, the allowance."),
            "starts_on": _("When the job, internship or programme starts."),
        }

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = enterprises
        if self.instance.pk or enterprises.count() == 1:
            # The enterprise of an existing posting never changes; with one enterprise, no choice.
            del self.fields["organization"]
        self.fields["location"].queryset = region_choices()
        self.fields["location"].widget.choices = [
            (region.code, self.fields["location"].label_from_instance(region)) for region in region_choices()
        ]
        self.fields["majors"].widget.choices = [
            (major.code, f"{major.code} {major.name}") for major in Major.objects.order_by("code")
        ]
        if self.instance.pk and not self.is_bound:
            self.initial["majors"] = list(self.instance.majors.all())
        self.fields["min_level"].help_text = _("Students of a lower level are not matched; left empty, any level.")

    def clean(self):
        """The pay range and the period, named on the field at fault (before the database's own
        checks, which could only say the whole row is wrong)."""
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and high < low:
            self.add_error("salary_max", _("The pay up to is less than the pay from: swap them or correct one."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period ends before it starts."))
        return data


class PostingSkillForm(forms.ModelForm):
    skill = SkillField(label=_("skill"), help_text=_("Type the skill's code or name and pick it from the suggestions."))

    class Meta:
        model = PostingSkill
        fields = ["skill", "level", "weight", "required"]


class PostingCertificateForm(forms.ModelForm):
    class Meta:
        model = PostingCertificate
        fields = ["name", "level", "required"]
        help_texts = {
            "name": _("As the credential names it, such as 工业机器人操作与运维职业技能等级证书."),
            "level": _("Such as 初级, 中级 or 高级; may be left empty."),
        }


class _UniqueRowsFormSet(forms.BaseInlineFormSet):
    """Rows are checked whole: a row repeated is named on its own field; a deleted row or an
    empty one is left out."""

    row_key: tuple = ()

    def live_forms(self):
        """The rows kept: those already saved (changed or not) and the new ones filled in."""
        return [form for form in self.forms
                if form.is_valid() and (form.instance.pk or form.has_changed())
                and not (self.can_delete and self._should_delete_form(form))]

    def clean(self):
        super().clean()
        seen = set()
        for form in self.live_forms():
            key = tuple(str(form.cleaned_data.get(name) or "").strip() for name in self.row_key)
            if key in seen:
                form.add_error(self.row_key[0], _("This is already listed in a row above."))
            seen.add(key)

    def validate_unique(self):
        pass


class SkillFormSet(_UniqueRowsFormSet):
    row_key = ("skill",)

    def _construct_form(self, i, **kwargs):
        """Every row offers the same suggestions, read from the vocabulary once."""
        form = super()._construct_form(i, **kwargs)
        if not hasattr(self, "_skill_options"):
            field = form.fields["skill"]
            self._skill_options = [(skill.code, field.label_from_instance(skill)) for skill in field.queryset]
        form.fields["skill"].widget.choices = self._skill_options
        return form

    def rows(self) -> list[SkillRow]:
        return [SkillRow(form.cleaned_data["skill"], form.cleaned_data["level"], form.cleaned_data["weight"],
                         form.cleaned_data["required"]) for form in self.live_forms()]


class CertificateFormSet(_UniqueRowsFormSet):
    row_key = ("name", "level")

    def rows(self) -> list[CertificateRow]:
        return [CertificateRow(form.cleaned_data["name"], form.cleaned_data["level"], form.cleaned_data["required"])
                for form in self.live_forms()]


SkillFormSetFactory = forms.inlineformset_factory(
    Posting, PostingSkill, form=PostingSkillForm, formset=SkillFormSet, extra=2, max_num=30, validate_max=True,
    can_delete=True,
)
CertificateFormSetFactory = forms.inlineformset_factory(
    Posting, PostingCertificate, form=PostingCertificateForm, formset=CertificateFormSet, extra=1, max_num=10,
    validate_max=True, can_delete=True,
)


# --- the lists' filters ----------------------------------------------------------------------


def _blank(label):
    return [("", label)]


class BrowseFilterForm(forms.Form):
    """Searching and filtering published postings (students, schools, everyone on the platform)."""

    q = forms.CharField(label=_("search"), required=False, max_length=100,
                        help_text=_("Words of the title, the description or the enterprise's name."))
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=_blank(_("All kinds")) + list(PostingKind.choices))
    family = forms.ChoiceField(label=_("family of majors"), required=False)
    city = forms.ChoiceField(label=_("city"), required=False)
    level = forms.TypedChoiceField(label=_("my level"), required=False, coerce=int, empty_value=None,
                                   choices=_blank(_("Any school level")) + list(EducationLevel.choices))
    pay = forms.IntegerField(label=_("monthly pay at least (¥)"), required=False, min_value=0, max_value=200000)
    open = forms.BooleanField(label=_("still taking applications"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        families = Major.objects.filter(level=Major.Level.FAMILY).order_by("code")
        self.fields["family"].choices = _blank(_("All families")) + [(m.code, f"{m.code} {m.name}") for m in families]
        prefixes = Q()
        from django.conf import settings

        for prefix in settings.CONSORTIUM_REGION_PREFIXES:
            prefixes |= Q(code__startswith=prefix)
        cities = Region.objects.filter(prefixes, level=Region.Level.CITY).order_by("code")
        self.fields["city"].choices = _blank(_("Anywhere")) + [(c.code, c.name) for c in cities]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class ManageFilterForm(forms.Form):
    """An enterprise's own postings, by state and kind."""

    q = forms.CharField(label=_("title"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("state"), required=False,
                               choices=_blank(_("Every state")) + list(PostingStatus.choices))
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=_blank(_("All kinds")) + list(PostingKind.choices))
