"""Forms of the credentials area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from credentials import verify


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
