"""Forms of the resource library: a resource (file or link) and the list's filters. They check
the shape of the input; the rules (and the file's content) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import accepted
from members.models import Organization
from reference.models import Major, Skill
from training.models import Licence, ResourceKind
from training.services.resources import FILE_KINDS


class ResourceForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("owned by"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=ResourceKind.choices)
    description = forms.CharField(label=_("description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    licence = forms.ChoiceField(label=_("licence"), choices=Licence.choices)
    file = forms.FileField(label=_("file"), required=False)
    url = forms.URLField(label=_("link"), required=False, max_length=200, assume_scheme="https",
                         help_text=_("A web address instead of a file, e.g. a video on a course platform."))
    major = forms.ModelChoiceField(label=_("major"), required=False,
                                   queryset=Major.objects.filter(level=Major.Level.MAJOR).order_by("code"))
    skills = forms.ModelMultipleChoiceField(label=_("skills"), required=False, queryset=Skill.objects.order_by("code"),
                                            widget=forms.SelectMultiple(attrs={"size": 8}))
    is_shared = forms.BooleanField(label=_("shared with members"), required=False, initial=True,
                                   help_text=_("Unshared, only your organisation's people see it."))

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners.order_by("name_zh")
        if owners.count() == 1:
            self.fields["owner"].initial = owners.first()
        self.fields["file"].help_text = _("%(types)s, at most 20 MB.") % {"types": accepted(FILE_KINDS)}
        self.fields["major"].label_from_instance = lambda m: f"{m.code} {m.name}"
        self.fields["skills"].label_from_instance = lambda s: f"{s.code} {s.name}"


class ResourceFilterForm(forms.Form):
    SHARED = [("", _("Shared and own")), ("shared", _("Shared")), ("own", _("Not shared"))]

    q = forms.CharField(label=_("search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("Any kind"))] + list(ResourceKind.choices))
    licence = forms.ChoiceField(label=_("licence"), required=False,
                                choices=[("", _("Any licence"))] + list(Licence.choices))
    owner = forms.ModelChoiceField(label=_("owned by"), required=False, queryset=Organization.objects.none(),
                                   empty_label=_("Any organisation"))
    major = forms.ModelChoiceField(label=_("major"), required=False, queryset=Major.objects.none(),
                                   empty_label=_("Any major"))
    skill = forms.ModelChoiceField(label=_("skill"), required=False, queryset=Skill.objects.none(),
                                   empty_label=_("Any skill"))
    shared = forms.ChoiceField(label=_("shared with members"), required=False, choices=SHARED)

    def __init__(self, *args, visible=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"
        self.fields["owner"].queryset = Organization.objects.filter(
            training_resources__in=visible).distinct().order_by("name_zh")
        self.fields["major"].queryset = Major.objects.filter(training_resources__in=visible).distinct().order_by("code")
        self.fields["skill"].queryset = Skill.objects.filter(training_resources__in=visible).distinct().order_by("code")
