"""Forms of industry colleges, training bases and bookings, and the lists' filters. They check the
shape of the input; the rules are the services'."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import SCHOOL_KINDS, Organization, OrganizationKind, OrganizationStatus
from reference.models import Major
from training.access import bases as access
from training.models import BaseKind, BookingStatus, CourseStatus, Course, IndustryCollege

MULTI = {"size": 6}


def _enterprises():
    return Organization.objects.filter(kind=OrganizationKind.ENTERPRISE, status=OrganizationStatus.ACTIVE
                                       ).order_by("name_zh")


def _majors():
    return Major.objects.filter(level=Major.Level.MAJOR).order_by("code")


class MajorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj}"


class CollegeForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    lead_school = forms.ModelChoiceField(label=_("lead school"), queryset=Organization.objects.none())
    partners = forms.ModelMultipleChoiceField(label=_("partner enterprises"), queryset=Organization.objects.none(),
                                              required=False, widget=forms.SelectMultiple(attrs=MULTI))
    majors = MajorChoiceField(label=_("majors"), queryset=Major.objects.none(), required=False,
                              widget=forms.SelectMultiple(attrs=MULTI))
    established_on = forms.DateField(label=_("established"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_school"].queryset = access.lead_school_choices(user)
        self.fields["partners"].queryset = _enterprises()
        self.fields["majors"].queryset = _majors()


class EquipmentField(forms.CharField):
    """One piece of equipment a line: name; model; quantity."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        value = super().to_python(value)
        items = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.replace("；", ";").split(";")]
            if len(parts) != 3 or not parts[0]:
                raise forms.ValidationError(_("Line %(line)d: write name; model; quantity."), params={"line": number})
            try:
                quantity = Decimal(parts[2])
            except InvalidOperation:
                quantity = None
            if quantity is None or quantity != quantity.to_integral_value() or not 1 <= quantity <= 100000:
                raise forms.ValidationError(_("Line %(line)d: the quantity must be a whole number from 1 to 100000."),
                                            params={"line": number})
            if len(parts[0]) > 200 or len(parts[1]) > 100:
                raise forms.ValidationError(_("Line %(line)d is too long."), params={"line": number})
            items.append({"name": parts[0], "model": parts[1], "quantity": int(quantity)})
        return items


def equipment_text(training_base) -> str:
    return "\n".join(f"{item.name}; {item.model}; {item.quantity}" for item in training_base.equipment.all())


class BaseForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=BaseKind.choices)
    owner = forms.ModelChoiceField(label=_("owner school"), queryset=Organization.objects.none())
    college = forms.ModelChoiceField(label=_("industry college"), queryset=IndustryCollege.objects.none(),
                                     required=False)
    partners = forms.ModelMultipleChoiceField(label=_("partner enterprises"), queryset=Organization.objects.none(),
                                              required=False, widget=forms.SelectMultiple(attrs=MULTI))
    address = forms.CharField(label=_("address"), max_length=300, required=False)
    majors = MajorChoiceField(label=_("majors"), queryset=Major.objects.none(), required=False,
                              widget=forms.SelectMultiple(attrs=MULTI))
    capacity = forms.IntegerField(label=_("capacity (people)"), min_value=1, max_value=100000)
    opening_hours = forms.CharField(label=_("opening hours"), max_length=200, required=False,
                                    help_text=_("For example: Monday to Friday 8:00–17:00."))
    equipment = EquipmentField(label=_("equipment"), required=False,
                               help_text=_("One piece of equipment a line: name; model; quantity."))
    description = forms.CharField(label=_("description"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.lead_school_choices(user)
        self.fields["college"].queryset = IndustryCollege.objects.order_by("name")
        self.fields["partners"].queryset = _enterprises()
        self.fields["majors"].queryset = _majors()


class BookingForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("booking organisation"), queryset=Organization.objects.none())
    starts_at = forms.DateTimeField(label=_("starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                                  format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label=_("ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                              format="%Y-%m-%dT%H:%M"))
    purpose = forms.CharField(label=_("purpose"), max_length=300)
    group_size = forms.IntegerField(label=_("group size"), min_value=1, max_value=100000)
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.none(), required=False)

    def __init__(self, *args, user, training_base, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = access.booking_org_ids(user, training_base)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=orgs).order_by("name_zh")
        if len(orgs) == 1:
            self.fields["organization"].initial = next(iter(orgs))
        self.fields["group_size"].help_text = _("At most %(capacity)d people.") % {"capacity": training_base.capacity}
        self.fields["group_size"].widget.attrs["max"] = training_base.capacity
        self.fields["course"].queryset = Course.objects.filter(school_id__in={training_base.owner_id} | orgs).exclude(
            status=CourseStatus.RETIRED).order_by("title")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The session must end after it starts."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The requester reads it."))


def _school_choices():
    return Organization.objects.filter(kind__in=SCHOOL_KINDS, status=OrganizationStatus.ACTIVE).order_by("name_zh")


class CollegeFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    school = forms.ModelChoiceField(label=_("lead school"), queryset=Organization.objects.none(), required=False,
                                    empty_label=_("Any school"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = _school_choices()


class BaseFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("Any kind"))] + list(BaseKind.choices))
    school = forms.ModelChoiceField(label=_("owner school"), queryset=Organization.objects.none(), required=False,
                                    empty_label=_("Any school"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = _school_choices()


class BookingFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(BookingStatus.choices))
    upcoming = forms.BooleanField(label=_("Upcoming only"), required=False)
