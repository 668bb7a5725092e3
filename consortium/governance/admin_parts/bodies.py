"""Admin console: governing bodies, their seat quotas and seats.

Bodies are set up and changed in the console through ``services.bodies`` (checked and
recorded); quotas are edited with their body and checked by the same service. Seats are read
here and changed through their actions (end, with the reason given) or on the bodies pages,
where appointments keep the quota, one-chair and representative rules and make council
representatives."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.governance.models import Body, Seat, SeatQuota
from consortium.governance.services import bodies as services
from core.admin import ConsoleAdmin, ReadOnlyConsoleAdmin, date_column, refusal

BODY_FIELDS = ("name", "name_en", "kind", "level", "code", "quorum_rule", "description")


class BodyAdminForm(forms.ModelForm):
    quotas = forms.CharField(
        label=_("seat quotas"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One line per kind of organisation: its code and number of seats, such as “enterprise 4”. "
                    "Empty: organisations of every kind may hold seats."))

    class Meta:
        model = Body
        fields = BODY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["quotas"].initial = "\n".join(
                f"{q.organization_kind} {q.seats}" for q in self.instance.quotas.order_by("organization_kind"))

    def clean_quotas(self):
        quotas = {}
        for line in self.cleaned_data["quotas"].splitlines():
            if not line.strip():
                continue
            parts = line.split()
            if len(parts) != 2 or not parts[1].isdigit():
                raise ValidationError(_("Write each line as a kind and a number, such as “enterprise 4”."))
            quotas[parts[0]] = int(parts[1])
        return quotas

    def _post_clean(self):
        """The service checks and saves; the model's own uniqueness checks are its too."""


@admin.register(Body)
class BodyAdmin(ConsoleAdmin):
    form = BodyAdminForm
    list_display = ["name", "kind", "level", "code", "quorum_rule", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["name", "name_en", "code"]
    actions = ["deactivate"]

    def get_fields(self, request, obj=None):
        return [*BODY_FIELDS, "quotas"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        base = super().get_form(request, obj, **kwargs)

        class ServiceForm(base):
            def clean(form):
                cleaned = super().clean()
                if form.errors:
                    return cleaned
                data = {name: cleaned.get(name) or "" for name in BODY_FIELDS}
                try:
                    with_db = services.update_body if obj is not None else services.create_body
                    extra = {"body": obj} if obj is not None else {}
                    form.saved = with_db(actor=request.user, quotas=cleaned.get("quotas") or {}, **extra, **data)
                except PermissionDenied:
                    form.add_error(None, _("Not allowed."))
                except ValidationError as error:
                    for field, problems in getattr(error, "message_dict", {None: error.messages}).items():
                        for problem in problems:
                            form.add_error(field if field in form.fields else None, problem)
                return cleaned

        return ServiceForm

    def save_model(self, request, obj, form, change):
        obj.pk = form.saved.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """Quotas are the service's to save (the form's quotas field)."""

    @admin.action(description=_("Deactivate the selected bodies"))
    def deactivate(self, request, queryset):
        done = 0
        for body in queryset.filter(is_active=True):
            try:
                services.deactivate_body(actor=request.user, body=body)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(body, error), messages.ERROR)
            else:
                done += 1
        self.message_user(request, ngettext("%(count)d body deactivated.", "%(count)d bodies deactivated.", done)
                          % {"count": done}, messages.SUCCESS if done else messages.WARNING)


@admin.register(SeatQuota)
class SeatQuotaAdmin(ReadOnlyConsoleAdmin):
    list_display = ["body", "organization_kind", "seats"]
    list_filter = ["organization_kind", "body"]
    list_select_related = ["body"]


class SeatStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("current", _("Current")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() in ("current", "ended"):
            return queryset.filter(ended_at__isnull=self.value() == "current")
        return queryset


@admin.register(Seat)
class SeatAdmin(ReadOnlyConsoleAdmin):
    """Seats are appointed and changed on the bodies pages (services.bodies); here they are read,
    and ended with a reason through the action."""

    list_display = ["body", "organization", "principal", "alternate", "role", "weight",
                    date_column("term_start", _("term starts")), date_column("term_end", _("term ends")),
                    date_column("ended_at", _("ended")), "end_reason"]
    list_filter = [SeatStateFilter, "body", "role", "organization__kind"]
    search_fields = ["organization__name_zh", "principal__full_name", "principal__username", "alternate__full_name",
                     "body__name"]
    list_select_related = ["body", "organization", "principal", "alternate"]
    actions = ["end_seats"]

    def has_change_permission(self, request, obj=None):
        # Actions need the right to change; the seat's form itself stays read-only (no fields to change).
        return obj is None and self._allowed(request)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Seat._meta.fields]

    @admin.action(description=_("End the selected seats (term over)"))
    def end_seats(self, request, queryset):
        ended = 0
        for seat in queryset.filter(ended_at__isnull=True).select_related("body", "organization"):
            try:
                services.end_seat(actor=request.user, seat=seat, reason=str(_("Ended in the admin console")))
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(seat, error), messages.ERROR)
            else:
                ended += 1
        self.message_user(request, ngettext("%(count)d seat ended.", "%(count)d seats ended.", ended)
                          % {"count": ended}, messages.SUCCESS if ended else messages.WARNING)
