"""Forms of action items: the secretariat's item, a progress note, marking done, cancelling, and
the list's filters. They check the shape of the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import ActionStatus
from members.models import Membership, Organization, OrganizationStatus, Role, User


def _active_organizations():
    return Organization.objects.filter(status=OrganizationStatus.ACTIVE).order_by("name_zh")


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("what is to be done"), max_length=3000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    owner = forms.ModelChoiceField(label=_("owner organisation"), queryset=Organization.objects.none())
    responsible = forms.ModelChoiceField(
        label=_("responsible person"), queryset=User.objects.none(), required=False,
        help_text=_("Optional: a person of the owner organisation who answers for the item."))
    due_on = forms.DateField(label=_("due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _active_organizations()
        self.fields["responsible"].queryset = User.objects.filter(
            pk__in=Membership.objects.active().filter(organization__status=OrganizationStatus.ACTIVE)
            .exclude(role=Role.STUDENT).values("user_id"), is_active=True).order_by("full_name", "pk")
        self.fields["responsible"].label_from_instance = lambda u: u.display_name


class NoteForm(forms.Form):
    text = forms.CharField(label=_("progress note"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label=_("progress"), min_value=0, max_value=99, required=False,
                                 help_text=_("Optional: how far the item is done, from 0 to 99. At 100%, mark it done."))


class CompleteForm(forms.Form):
    text = forms.CharField(label=_("closing note"), max_length=3000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Optional: what was done, for the record."))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("reason for cancelling"), max_length=500)


class ActionFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(ActionStatus.choices))
    owner = forms.ModelChoiceField(label=_("owner organisation"), queryset=Organization.objects.none(),
                                   required=False, empty_label=_("Any organisation"))
    overdue = forms.BooleanField(label=_("overdue only"), required=False)
    resolution = forms.IntegerField(label=_("resolution"), required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else _active_organizations()
