from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ConsoleAdmin, ReadOnlyConsoleAdmin, ReadOnlyInline, date_column, refusal
from members import access, services
from reference.models import Industry
from members.models import (
    ApiKey,
    ApplicationAttachment,
    ApplicationEvent,
    Invitation,
    LoginLockout,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationStatus,
    User,
)


class MembershipInline(ReadOnlyInline):
    """Seen here; given and ended on the roles' own page, through the services' rule."""

    model = Membership
    fk_name = "organization"
    fields = ["user", "role", "title", "started_at", "ended_at"]
    readonly_fields = fields
    show_change_link = True


class IndustrySectionFilter(admin.SimpleListFilter):
    """Industries by their GB/T 4754 section (制造业, 教育, …): twenty choices, not a hundred."""

    title = _("industry")
    parameter_name = "industry_section"

    def lookups(self, request, model_admin):
        return [(section.code, section.name) for section in Industry.objects.filter(parent__isnull=True)]

    def queryset(self, request, queryset):
        return queryset.filter(industry__code__startswith=self.value()) if self.value() else queryset


@admin.register(Organization)
class OrganizationAdmin(ConsoleAdmin):
    list_display = ["name_zh", "kind", "status", "is_lead_member", "credit_code", "region_shown", "industry_shown",
                    date_column("joined_at", _("joined at"))]
    list_filter = ["status", "kind", "is_lead_member", IndustrySectionFilter]
    search_fields = ["name_zh", "name_en", "credit_code", "contact_name"]
    list_select_related = ["region", "industry"]
    autocomplete_fields = []
    raw_id_fields = ["region"]
    readonly_fields = ["status", "joined_at", "created_at", "updated_at"]
    inlines = [MembershipInline]
    actions = ["suspend", "reinstate", "mark_left"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("region"), ordering="region__code")
    def region_shown(self, organization):
        return organization.region.name

    @admin.display(description=_("industry"), ordering="industry__code", empty_value="—")
    def industry_shown(self, organization):
        return organization.industry.name if organization.industry else None

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.ORGANIZATION_FIELDS}
        if change:
            services.organization_update(organization=obj, actor=request.user, **fields)
        else:
            created = services.organization_create(
                actor=request.user, **{n: form.cleaned_data[n] for n in services.ORGANIZATION_FIELDS if n in form.cleaned_data}
            )
            obj.pk = created.pk

    def _set_status(self, request, queryset, status) -> int:
        changed = 0
        for organization in queryset:
            try:
                services.organization_set_status(organization=organization, actor=request.user, status=status)
                changed += 1
            except ValidationError as error:
                self.message_user(request, refusal(organization, error), messages.ERROR)
        return changed

    @admin.action(description=_("Suspend the selected organisations"))
    def suspend(self, request, queryset):
        n = self._set_status(request, queryset, OrganizationStatus.SUSPENDED)
        message = ngettext("%(count)d organisation suspended.", "%(count)d organisations suspended.", n)
        self.message_user(request, message % {"count": n}, messages.SUCCESS)

    @admin.action(description=_("Reinstate the selected organisations"))
    def reinstate(self, request, queryset):
        n = self._set_status(request, queryset, OrganizationStatus.ACTIVE)
        message = ngettext("%(count)d organisation reinstated.", "%(count)d organisations reinstated.", n)
        self.message_user(request, message % {"count": n}, messages.SUCCESS)

    @admin.action(description=_("Record that the selected organisations left"))
    def mark_left(self, request, queryset):
        n = self._set_status(request, queryset, OrganizationStatus.LEFT)
        message = ngettext("%(count)d organisation marked as left.", "%(count)d organisations marked as left.", n)
        self.message_user(request, message % {"count": n}, messages.SUCCESS)


@admin.register(User)
class UserAdmin(ConsoleAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal information"), {"fields": ("full_name", "email", "phone")}),
        (_("Account status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate"]

    @admin.action(description=_("Deactivate the selected people"))
    def deactivate(self, request, queryset):
        for user in queryset.filter(is_active=True):
            try:
                services.user_deactivate(user=user, actor=request.user)
            except ValidationError as error:
                self.message_user(request, refusal(user, error), messages.ERROR)
        self.message_user(request, _("The selected people can no longer sign in."), messages.SUCCESS)


class MembershipStateFilter(admin.SimpleListFilter):
    """Roles held now, or ended."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("held", _("Held")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() in ("held", "ended"):
            return queryset.filter(ended_at__isnull=self.value() == "held")
        return queryset


@admin.register(Membership)
class MembershipAdmin(ConsoleAdmin):
    """Roles are given here through the same rule as everywhere (members.services): the
    roles of the organisation's kind, or secretariat staff, whom the secretariat appoints. A
    council representative is not given here: the role follows from a council seat
    (governance). A role is never edited: it is ended and another given."""

    list_display = ["user", "organization", "role", "title", date_column("started_at", _("started at")),
                    date_column("ended_at", _("ended at"))]
    list_filter = [MembershipStateFilter, "role", "organization__kind"]
    search_fields = ["user__username", "user__full_name", "organization__name_zh"]
    list_select_related = ["user", "organization"]
    raw_id_fields = ["user", "organization"]
    fields = ["user", "organization", "role", "title"]
    actions = ["end_roles"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "organization", "role", "title", "started_at", "ended_at", "ended_by"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else self.fields

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        base = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return base

        class GrantForm(base):
            def __init__(form, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "role" in form.fields:
                    form.fields["role"].choices = [
                        (value, label) for value, label in form.fields["role"].choices
                        if value not in access.SEAT_ROLES]

            def clean(form):
                cleaned = super().clean()
                if not form.errors:
                    try:
                        form.granted = _grant(request.user, cleaned)
                    except PermissionDenied:
                        form.add_error(None, _("You may not give this role in this organisation."))
                    except ValidationError as error:
                        for field, messages_ in getattr(error, "message_dict", {None: error.messages}).items():
                            for message in messages_:
                                form.add_error(field if field in form.fields else None, message)
                return cleaned

        return GrantForm

    def save_model(self, request, obj, form, change):
        if change:
            return
        obj.pk = form.granted.pk
        obj.started_at = form.granted.started_at

    @admin.action(description=_("End the selected roles"))
    def end_roles(self, request, queryset):
        ended = 0
        for membership in queryset.filter(ended_at__isnull=True).select_related("organization", "user"):
            try:
                services.membership_end(membership=membership, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(membership, error), messages.ERROR)
            else:
                ended += 1
        self.message_user(
            request, ngettext("%(count)d role ended.", "%(count)d roles ended.", ended) % {"count": ended},
            messages.SUCCESS if ended else messages.WARNING,
        )


def _grant(actor, cleaned) -> Membership:
    """A role from the console's form: secretariat staff are appointed, any other role granted
    (a council representative is refused by both: it follows from a seat)."""
    kwargs = {"actor": actor, "user": cleaned["user"], "organization": cleaned["organization"]}
    if cleaned["role"] in access.STANDING_ROLES:
        return services.standing_appoint(role=cleaned["role"], **kwargs)
    return services.membership_grant(role=cleaned["role"], **kwargs)


class ApplicationEventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = readonly_fields = ["kind", "at", "actor", "note", "notified_at"]


class ApplicationAttachmentInline(ReadOnlyInline):
    model = ApplicationAttachment
    fields = readonly_fields = ["download", "content_type", "size", "uploaded_at"]

    @admin.display(description=_("file name"))
    def download(self, attachment):
        url = reverse("members:application_attachment", args=[attachment.pk])
        return format_html('<a href="{}">{}</a>', url, attachment.name)


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ConsoleAdmin):
    list_display = ["reference", "organization", "applicant", "status", date_column("submitted_at", _("submitted at")),
                    date_column("decided_at", _("decided at"))]
    list_filter = ["status", "organization__kind"]
    search_fields = ["reference", "organization__name_zh", "applicant__username", "statement"]
    list_select_related = ["organization", "applicant", "decided_by"]
    readonly_fields = ["reference", "organization", "applicant", "statement", "status", "submitted_at",
                       "decided_at", "decided_by", "decision_reason"]
    inlines = [ApplicationEventInline, ApplicationAttachmentInline]
    actions = ["approve"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve the selected applications"))
    def approve(self, request, queryset):
        """Asks for confirmation first, as the application page does."""
        if request.POST.get("post") != "yes":
            return TemplateResponse(request, "admin/members/membershipapplication/approve_confirmation.html", {
                **self.admin_site.each_context(request), "title": _("Approve the selected applications"),
                "opts": self.model._meta, "queryset": queryset.select_related("organization"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            })
        approved = 0
        for application in queryset.select_related("organization"):
            try:
                services.application_approve(application=application, actor=request.user)
            except ValidationError as error:
                self.message_user(request, refusal(application.organization, error), messages.ERROR)
            else:
                approved += 1
        self.message_user(
            request,
            ngettext("%(count)d application approved.", "%(count)d applications approved.", approved) % {"count": approved},
            messages.SUCCESS if approved else messages.WARNING,
        )


class InvitationStateFilter(admin.SimpleListFilter):
    """Invitations by where they stand, as the people page says it."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Waiting for an answer")), ("accepted", _("Accepted")), ("withdrawn", _("Withdrawn")),
                ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        unanswered = queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        return {
            "open": unanswered.filter(expires_at__gt=now),
            "accepted": queryset.filter(accepted_at__isnull=False),
            "withdrawn": queryset.filter(revoked_at__isnull=False),
            "expired": unanswered.filter(expires_at__lte=now),
        }.get(self.value(), queryset)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyConsoleAdmin):
    list_display = ["email", "full_name", "organization", "role", date_column("created_at", _("sent")), "state",
                    date_column("expires_at", _("valid until"))]
    list_filter = [InvitationStateFilter, "role", "organization__kind"]
    search_fields = ["email", "full_name", "organization__name_zh"]
    list_select_related = ["organization"]
    exclude = ["token"]

    @admin.display(description=_("status"))
    def state(self, invitation):
        if invitation.accepted_at:
            return _("Accepted")
        if invitation.revoked_at:
            return _("Withdrawn")
        return _("Waiting for an answer") if invitation.is_open else _("Expired")


@admin.register(LoginLockout)
class LoginLockoutAdmin(ReadOnlyConsoleAdmin):
    """Failed sign-ins per user name and address; deleting a row unlocks that pair."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start"]
    fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info", "user_agent"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"

    def has_delete_permission(self, request, obj=None):
        return ConsoleAdmin.has_delete_permission(self, request, obj)


class ApiKeyStateFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("in_use", _("In use")), ("revoked", _("Revoked")), ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        if self.value() == "in_use":
            return queryset.in_use()
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=timezone.now())
        return queryset


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyConsoleAdmin):
    """Every organisation's API keys, to look over and revoke. The hash is never shown,
    and the secret is not kept anywhere to show."""

    list_display = ["organization", "name", "prefix", "scope_list", date_column("created_at", _("created")),
                    date_column("last_used_at", _("last used")), date_column("expires_at", _("valid until")), "state"]
    list_filter = [ApiKeyStateFilter, "organization__kind"]
    search_fields = ["name", "prefix", "organization__name_zh"]
    list_select_related = ["organization", "created_by"]
    fields = ["organization", "name", "prefix", "scopes", "created_by", "created_at", "expires_at", "last_used_at",
              "last_used_ip", "revoked_at", "revoked_by"]
    actions = ["revoke"]

    @admin.display(description=_("scopes"))
    def scope_list(self, obj):
        return _(", ").join(obj.scope_descriptions())

    @admin.display(description=_("status"))
    def state(self, api_key):
        if api_key.is_revoked:
            return _("Revoked")
        return _("Expired") if api_key.is_expired else _("In use")

    @admin.action(description=_("Revoke the selected API keys"))
    def revoke(self, request, queryset):
        revoked = 0
        for api_key in queryset.filter(revoked_at__isnull=True).select_related("organization"):
            services.api_key_revoke(api_key=api_key, actor=request.user)
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d API key revoked.", "%(count)d API keys revoked.", revoked) % {"count": revoked},
            messages.SUCCESS,
        )
