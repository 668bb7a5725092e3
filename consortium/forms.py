"""Forms of the consortium's pages: announcements and their attachments. They check the
shape of what is typed; the rules (who, which files) are the services'."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from consortium import attachments
from consortium.models import Announcement, AnnouncementStatus


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "pinned"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class AnnouncementSearchForm(forms.Form):
    q = forms.CharField(label=_("Search announcements"), required=False, max_length=100)


class AnnouncementManageFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("status"), choices=[("", _("All statuses")), *AnnouncementStatus.choices], required=False
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """Several files at once, handed to the service as they came: it checks each and names
    the one it refuses (Django's own file checks name none)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


def _accept() -> str:
    return ",".join(attachments.TYPES)


class AttachmentForm(forms.Form):
    files = MultipleFileField(label=_("Files to attach"), widget=MultipleFileInput(attrs={"accept": _accept()}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In the language of the request, not of the moment the module was loaded.
        self.fields["files"].help_text = _(
            "PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or images (JPG, PNG); up to %(size)s each and %(count)d to "
            "an announcement. You may choose several at once."
        ) % {"size": filesizeformat(attachments.MAX_SIZE), "count": attachments.MAX_PER_ANNOUNCEMENT}
