"""Governance forms: meetings. They check the shape of the input; the rules are the services'."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consortium.governance.models import AgendaItem, Attendance, Body, NotificationMode, Rsvp, Seat
from members.models import Role, User

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime(label):
    return forms.DateTimeField(label=label, widget=DateTimeInput(),
                               input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.none())
    title = forms.CharField(label=_("title"), max_length=200)
    starts_at = _datetime(_("starts"))
    ends_at = _datetime(_("ends"))
    location = forms.CharField(label=_("place"), max_length=200, required=False)
    description = forms.CharField(label=_("notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    invite_all = forms.BooleanField(label=_("Invite every current seat of the body"), required=False, initial=True,
                                    help_text=_("You may change the invited seats on the meeting's page."))

    def __init__(self, *args, bodies=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["body"], self.fields["invite_all"]
        else:
            self.fields["body"].queryset = bodies

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class MeetingFilterForm(forms.Form):
    SCOPES = [("", _("All I may see")), ("mine", _("My seats' meetings"))]
    WHEN = [("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("Any time"))]

    q = forms.CharField(label=_("search"), required=False, max_length=100)
    body = forms.ModelChoiceField(label=_("body"), queryset=Body.objects.none(), required=False, empty_label=_("Any body"))
    scope = forms.ChoiceField(label=_("whose"), choices=SCOPES, required=False)
    when = forms.ChoiceField(label=_("when"), choices=WHEN, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


def presenters(body):
    """Who may present an item: the holders of the body's current seats and the secretariat's staff."""
    return User.objects.filter(
        Q(principal_seats__body=body, principal_seats__ended_at__isnull=True)
        | Q(alternate_seats__body=body, alternate_seats__ended_at__isnull=True)
        | Q(memberships__role=Role.SECRETARIAT, memberships__ended_at__isnull=True),
        is_active=True,
    ).distinct().order_by("full_name", "username")


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    presenter = forms.ModelChoiceField(label=_("presenter"), queryset=User.objects.none(), required=False,
                                       empty_label=_("— nobody named —"))

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = presenters(body)
        self.fields["presenter"].label_from_instance = lambda user: user.full_name or user.username


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("file"), help_text=_("PDF, Word, Excel, JPG or PNG, at most 20 MB."))
    agenda_item = forms.ModelChoiceField(label=_("agenda item"), queryset=AgendaItem.objects.none(), required=False,
                                         empty_label=_("The whole meeting"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")


class InvitedForm(forms.Form):
    seats = forms.ModelMultipleChoiceField(label=_("invited seats"), queryset=Seat.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["seats"]
        field.queryset = Seat.objects.current().filter(body=meeting.body).select_related("organization", "principal")
        field.label_from_instance = lambda seat: f"{seat.organization.name} · {seat.principal.full_name or seat.principal.username}"


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(label=_("your seat's answer"), widget=forms.RadioSelect,
                               choices=[(Rsvp.ATTENDING, Rsvp.ATTENDING.label), (Rsvp.ALTERNATE, Rsvp.ALTERNATE.label),
                                        (Rsvp.DECLINED, Rsvp.DECLINED.label)])

    def __init__(self, *args, has_alternate=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_alternate:
            self.fields["answer"].choices = [c for c in self.fields["answer"].choices if c[0] != Rsvp.ALTERNATE]


class AttendanceForm(forms.Form):
    """One choice per invited seat (``seat_<id>``)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            choices = list(Attendance.choices)
            if row.seat.alternate_id is None:
                choices = [c for c in choices if c[0] != Attendance.ALTERNATE]
            self.fields[f"seat_{row.seat_id}"] = forms.ChoiceField(
                label=row.seat.organization.name, choices=choices, initial=row.attendance)

    def pairs(self):
        return [(row, self[f"seat_{row.seat_id}"]) for row in self.rows]

    def attendance(self) -> dict:
        return {row.seat_id: self.cleaned_data[f"seat_{row.seat_id}"] for row in self.rows}


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("reason for cancelling"), max_length=500,
                             help_text=_("The invitees are told, with this reason."))


class NotificationSettingsForm(forms.Form):
    mode = forms.ChoiceField(label=_("e-mails"), choices=NotificationMode.choices, widget=forms.RadioSelect)
