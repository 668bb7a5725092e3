"""Forms of the credentials area: the issuing pages, the verify page and the wallet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DatalistInput
from credentials import verify
from credentials.models import Achievement, AchievementKind, CredentialStatus
from reference.forms import MajorField

MAX_PICKER_OPTIONS = 3000


class AchievementForm(forms.ModelForm):
    class Meta:
        model = Achievement
        fields = ["kind", "name", "level", "major_code", "description", "criteria", "valid_years", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "criteria": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "level": _("For a skill certificate: its level (elementary, intermediate or advanced)."),
        }

    major_code = MajorField(
        required=False, label=_("major"),
        help_text=_("A major, class or family of the catalogue of vocational education majors: type its code "
                    "(such as 460301) or its name."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.issuer = organization
        self.fields["kind"].choices = [c for c in AchievementKind.choices]

    def clean_major_code(self):
        major = self.cleaned_data["major_code"]
        return major.code if major else ""


class HolderField(forms.ModelChoiceField):
    """A person picked by typing their user name or name; the matching ones are offered."""

    widget = DatalistInput
    default_error_messages = {
        "invalid_choice": _("Type the user name or the name of a student of the school, and pick them from the list."),
        "ambiguous": _("More than one student is called “%(value)s”; type the user name."),
    }

    def label_from_instance(self, obj):
        return f"{obj.username} {obj.full_name}".strip()

    def prepare_value(self, value):
        if hasattr(value, "username"):
            return self.label_from_instance(value)
        return super().prepare_value(value)

    def to_python(self, value):
        value = (value or "").strip()
        if value in self.empty_values:
            return None
        username = value.split(" ", 1)[0]
        found = self.queryset.filter(username__iexact=username).first()
        if found is not None:
            return found
        matches = list(self.queryset.filter(full_name=value)[:2])
        if len(matches) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"value": value})
        if not matches:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return matches[0]


class IssueForm(forms.Form):
    achievement = forms.ModelChoiceField(label=_("achievement"), queryset=Achievement.objects.none())
    holder = HolderField(label=_("holder"), queryset=None,
                         help_text=_("Type the student's user name or name."))

    def __init__(self, *args, achievements, holders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].queryset = achievements
        self.fields["holder"].queryset = holders
        self.fields["holder"].widget.choices = [
            (user.pk, self.fields["holder"].label_from_instance(user))
            for user in holders.order_by("username")[:MAX_PICKER_OPTIONS]
        ]


class BatchForm(forms.Form):
    SCHOOL, LIST, FILE = "school", "list", "file"
    achievement = forms.ModelChoiceField(label=_("achievement"), queryset=Achievement.objects.none())
    source = forms.ChoiceField(
        label=_("who receives it"), widget=forms.RadioSelect, initial=SCHOOL,
        choices=[(SCHOOL, _("Every student of the school")), (LIST, _("The students I list")),
                 (FILE, _("The people a CSV file names"))],
    )
    names = forms.CharField(
        label=_("user names"), required=False, max_length=200_000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One user name or e-mail address a line, for “The students I list”."),
    )
    file = forms.FileField(
        label=_("CSV file"), required=False,
        help_text=_("UTF-8 or GB18030; a first line naming the columns: username or email, and optionally name, "
                    "to check each line against."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, achievements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].queryset = achievements

    def clean(self):
        data = super().clean()
        if data.get("source") == self.FILE and not data.get("file"):
            self.add_error("file", _("Choose the CSV file."))
        if data.get("source") == self.LIST and not (data.get("names") or "").strip():
            self.add_error("names", _("List the students, one a line."))
        return data


class StatusForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The holder sees it with their credential."),
    )

    def __init__(self, *args, status, **kwargs):
        super().__init__(*args, **kwargs)
        self.status = status
        if status != CredentialStatus.ACTIVE:
            self.fields["reason"].required = True


class CredentialFilterForm(forms.Form):
    q = forms.CharField(label=_("holder's name or user name"), required=False, max_length=50)
    achievement = forms.ModelChoiceField(label=_("achievement"), queryset=Achievement.objects.none(), required=False,
                                         empty_label=_("All achievements"))
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(CredentialStatus.choices))

    def __init__(self, *args, achievements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].queryset = achievements


# --- verifying and holding ------------------------------------------------------------------------


class VerifyForm(forms.Form):
    """A credential to verify: pasted, or its .json file."""

    document = forms.CharField(
        label=_("Paste the credential (JSON)"), required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "font-monospace"}),
    )
    file = forms.FileField(
        label=_("Or choose its file"), required=False,
        help_text=_("The .json file downloaded from a wallet, at most %(size)s KB.")
        % {"size": verify.MAX_DOCUMENT_BYTES // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("document") or "", data.get("file")
        if upload is not None:
            if not upload.name.lower().endswith(".json"):
                self.add_error("file", _("Choose a .json file: a credential is downloaded as one."))
                return data
            if upload.size > verify.MAX_DOCUMENT_BYTES:
                self.add_error("file", _format_size())
                return data
            raw = upload.read(verify.MAX_DOCUMENT_BYTES + 1)
            field = "file"
        elif text.strip():
            raw, field = text, "document"
        else:
            raise forms.ValidationError(_("Paste the credential or choose its file."))
        try:
            data["parsed"] = verify.parse_document(raw)
        except verify.DocumentError as error:
            self.add_error(field, str(error.args[0]))
        return data


def _format_size():
    return _("It is larger than %(size)s KB; a credential is much smaller.") % {
        "size": verify.MAX_DOCUMENT_BYTES // 1024
    }


class WalletFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All")), ("active", _("Valid")), ("suspended", _("Suspended")), ("revoked", _("Revoked"))],
    )
