"""Forms check the shape of input; the rules live in ``members.services``."""

import re
from datetime import datetime, time

from django import forms
from django.conf import settings
from django.db.models import Q
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.api_scopes import api_parts
from core.forms import MultipleFileField
from core.widgets import DatalistInput
from members import invitation_import
from members.models import Organization, OrganizationKind, OrganizationStatus, Role, User, normalize_reference
from members.validators import normalize_credit_code
from reference.models import Industry, Region


class RegionField(forms.ModelChoiceField):
    """A county or district picked by typing: its six-digit code or its name, with the
    matching ones offered as one types (``core.widgets.DatalistInput``)."""

    widget = DatalistInput
    default_error_messages = {
        "invalid_choice": _("Type the six-digit code or the name of a county or district in the consortium's "
                            "area, and pick it from the list."),
        "ambiguous": _("More than one county or district is called “%(value)s”; type its six-digit code."),
    }

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.parent.name if obj.parent else ''}{obj.name}"

    def prepare_value(self, value):
        if isinstance(value, Region):
            return self.label_from_instance(value)
        if isinstance(value, str) and re.fullmatch(r"\d{6}", value):
            region = self.queryset.filter(code=value).first()
            return self.label_from_instance(region) if region else value
        return super().prepare_value(value)

    def to_python(self, value):
        value = (value or "").strip()
        if value in self.empty_values:
            return None
        code = re.match(r"\d{6}", value)
        if code:
            return super().to_python(code[0])
        # A name: the district's own, or the city's and the district's together.
        matches = [region for region in self.queryset if value in (region.name, f"{region.parent.name if region.parent else ''}{region.name}")]
        if len(matches) > 1:
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": value})
        if not matches:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return matches[0]


def region_choices():
    """Counties and districts in the consortium's area (CONSORTIUM_REGION_PREFIXES)."""
    prefixes = Q()
    for prefix in settings.CONSORTIUM_REGION_PREFIXES:
        prefixes |= Q(code__startswith=prefix)
    return Region.objects.filter(prefixes, level=Region.Level.COUNTY).select_related("parent")


class OrganizationForm(forms.ModelForm):
    region = RegionField(
        label=_("region (GB/T 2260)"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("The county or district where the organisation is registered: type its name or code. Left "
                    "empty, it is read from the credit code (its characters 3 to 8)."),
    )
    industry = forms.ModelChoiceField(
        label=_("industry (GB/T 4754)"), queryset=Industry.objects.all(), to_field_name="code", required=False
    )

    credit_code = forms.CharField(
        label=_("unified social credit code"),
        max_length=40,
        help_text=_("18 characters, GB 32100, including the check character."),
    )

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "kind", "name_zh", "name_en", "credit_code", "industry", "region", "address", "website",
            "description", "contact_name", "contact_phone", "contact_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, editable_fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" in self.fields:
            choices = region_choices()
            if self.instance.region_id:
                choices = choices | Region.objects.filter(code=self.instance.region_id)
            self.fields["region"].queryset = choices
        if editable_fields is not None:
            for name in list(self.fields):
                if name not in editable_fields:
                    del self.fields[name]

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data["credit_code"])

    def clean(self):
        cleaned = super().clean()
        if "region" in self.fields and not cleaned.get("region") and "region" not in self.errors:
            code = cleaned.get("credit_code") or ""
            derived = self.fields["region"].queryset.filter(code=code[2:8]).first() if len(code) == 18 else None
            if derived is not None:
                cleaned["region"] = derived
            else:
                self.add_error("region", _("Choose the county or district: it could not be read from the credit "
                                           "code."))
        return cleaned

    def validate_unique(self):
        """Uniqueness is checked by the service, with clearer messages."""


class GroupedForm:
    """A long form shown in a few labelled parts (``fieldsets``: legend and field names)."""

    fieldsets: list = []

    def groups(self):
        return [
            (legend, [self[name] for name in names if name in self.fields]) for legend, names in self.fieldsets
        ]


def attachments_field(*, required: bool) -> MultipleFileField:
    return MultipleFileField(
        label=_("business licence or permit"),
        required=required,
        accept=".pdf,.jpg,.jpeg,.png",
        help_text=_("A scan or photo of the business licence, the school's permit or another registration "
                    "document: PDF, JPG or PNG, up to 10 MB each, at most 5 files. Only the secretariat sees "
                    "them. If the form shows an error, please choose the files again."),
    )


class ApplicationForm(GroupedForm, OrganizationForm):
    statement = forms.CharField(
        label=_("Why does your organisation want to join?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("What you offer the consortium and what you hope to gain."),
    )
    full_name = forms.CharField(label=_("your full name"), max_length=50)
    email = forms.EmailField(label=_("your email"), help_text=_("The secretariat's answers are sent here."))
    phone = forms.CharField(label=_("your phone"), max_length=30, required=False)
    username = forms.CharField(
        label=_("user name"), max_length=150, help_text=_("You will sign in with this name."),
        validators=User._meta.get_field("username").validators,
    )
    password1 = forms.CharField(
        label=_("password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    attachments = attachments_field(required=True)

    fieldsets = [
        (_("1. The organisation"), ["kind", "name_zh", "name_en", "credit_code", "region", "industry", "address",
                                    "website", "description"]),
        (_("2. Contact for this application"), ["contact_name", "contact_phone", "contact_email"]),
        (_("3. Your account as the organisation's administrator"), ["full_name", "email", "phone", "username",
                                                                    "password1", "password2"]),
        (_("4. Statement and documents"), ["statement", "attachments"]),
    ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned

    def organization_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in OrganizationForm.Meta.fields}


class ApplicationCorrectionForm(GroupedForm, OrganizationForm):
    """The applicant corrects an application sent back for changes."""

    statement = ApplicationForm.base_fields["statement"]
    attachments = attachments_field(required=False)

    fieldsets = [
        (_("1. The organisation"), ApplicationForm.fieldsets[0][1]),
        (_("2. Contact for this application"), ApplicationForm.fieldsets[1][1]),
        (_("3. Statement and documents"), ["statement", "attachments"]),
    ]

    def organization_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in OrganizationForm.Meta.fields}


class ProgressForm(forms.Form):
    """进度查询: an application followed by its reference number and the contact's address or phone."""

    reference = forms.CharField(
        label=_("reference number"), max_length=40, help_text=_("As given when you applied, e.g. SQ-20261201-482193.")
    )
    contact = forms.CharField(
        label=_("e-mail address or phone number"), max_length=100,
        help_text=_("The applicant's or the contact's, as given in the application."),
    )

    def clean_reference(self):
        reference = normalize_reference(self.cleaned_data["reference"])
        if not reference:
            raise ValidationError(_("A reference number looks like SQ-20261201-482193."))
        return reference


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", _("All kinds"))] + OrganizationKind.choices, required=False)
    status = forms.ChoiceField(
        label=_("status"), choices=[("", _("All statuses"))] + OrganizationStatus.choices, required=False
    )


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=50)
    email = forms.EmailField(label=_("email"))
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = [(r, Role(r).label) for r in roles]


class InvitationBatchForm(forms.Form):
    """批量邀请: a CSV or XLSX file listing people to invite; read whole by ``members.invitation_import``."""

    file = forms.FileField(
        label=_("file (CSV or XLSX)"),
        help_text=_("At most 500 people and 1 MB. Columns: full name, email and role."),
        error_messages={"required": _("Choose a CSV or XLSX file."), "empty": _("The file is empty.")},
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv,application/vnd."
                                      "openxmlformats-officedocument.spreadsheetml.sheet"}),
    )

    def clean_file(self):
        return invitation_import.read(self.cleaned_data["file"])


class GrantRoleForm(forms.Form):
    """Another role for someone who already belongs to the organisation."""

    user = forms.ModelChoiceField(label=_("person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("role"), choices=())

    def __init__(self, *args, people, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda user: f"{user.display_name} ({user.username})"
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("user name"), max_length=150, validators=User._meta.get_field("username").validators
    )
    password1 = forms.CharField(label=_("password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("password again"), strip=False, widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            raise ValidationError({"password2": _("The two passwords differ.")})
        return cleaned


class DecisionForm(forms.Form):
    """The secretariat's decision, asked twice: chosen, then confirmed (``confirmed``)."""

    DECISIONS = {
        "approve": _("Approve"),
        "return": _("Send back for changes"),
        "reject": _("Reject"),
    }
    decision = forms.ChoiceField(label=_("decision"), choices=list(DECISIONS.items()), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000,
        help_text=_("Required when the application is sent back (say what to change) or rejected; the "
                    "applicant reads it in the e-mail and on the progress page."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in ("return", "reject") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Please tell the applicant what to change.") if cleaned["decision"] == "return"
                           else _("Please give the applicant a reason for the rejection."))
        return cleaned


class ResubmitForm(forms.Form):
    statement = forms.CharField(label=_("new statement"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]


class ApiKeyForm(forms.Form):
    """A new API key: what it is for, per part of the portal no access, read, or read and
    write, and an optional last day."""

    LEVELS = [("", _("No access")), ("read", _("Read")), ("write", _("Read and write"))]

    name = forms.CharField(
        label=_("name"), max_length=100, help_text=_("What the key is for, e.g. the HR system.")
    )
    expires_at = forms.DateField(
        label=_("valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the last day the key works. Without it, the key works until it is revoked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part, label in api_parts().items():
            self.fields[f"scope_{part}"] = forms.ChoiceField(
                label=label, choices=self.LEVELS, required=False, widget=forms.RadioSelect
            )

    def scope_fields(self):
        return [self[f"scope_{part}"] for part in api_parts()]

    def scopes(self) -> list[str]:
        return [
            f"{part}:{self.cleaned_data[f'scope_{part}']}" for part in api_parts() if self.cleaned_data.get(f"scope_{part}")
        ]

    def expiry(self):
        """The end of the chosen day, in the portal's time zone."""
        day = self.cleaned_data.get("expires_at")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names (or on top)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            if field == "password" and "password1" in form.fields:
                target = "password1"
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
