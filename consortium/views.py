"""Site-wide pages: home per role, about, sign-in, health, the audit trail, errors."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from core import api
from consortium import audit_export
from core.audit import audited_content_types, content_type_label, readable_changes
from core.caching import cache_for_visitors
from consortium.home import home_sections, latest_announcements_html
from consortium.selectors import ANNOUNCEMENTS
from core.models import AuditEvent
from members import access, services
from members.models import Organization, OrganizationKind
from members.selectors import DIRECTORY


@cache_for_visitors((DIRECTORY, ANNOUNCEMENTS))
def home(request):
    """What the portal is for, the latest announcements, and what this person can do next."""
    return render(request, "consortium/home.html", {
        "sections": home_sections(request.user), "announcements": latest_announcements_html(),
    })


@cache_for_visitors(DIRECTORY)
def about(request):
    """The consortium for visitors: what it is, who is in it, how to join."""
    counts = dict(
        Organization.objects.active().values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    by_kind = [(label, counts.get(value, 0)) for value, label in OrganizationKind.choices if counts.get(value)]
    lead_members = Organization.objects.active().filter(is_lead_member=True).order_by("name_zh")
    return render(
        request,
        "consortium/about.html",
        {"by_kind": by_kind, "total": sum(counts.values()), "lead_members": lead_members},
    )


@require_POST
def text_size(request):
    """Larger or standard text (适老化): kept with the person's account when signed in, and in
    a cookie for visitors; back to the page the switch was pressed on."""
    large = request.POST.get("size") == "large"
    if request.user.is_authenticated:
        services.text_size_set(user=request.user, large=large)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("home")
    response = redirect(next_url)
    if large:
        response.set_cookie(settings.TEXT_SIZE_COOKIE_NAME, "large", max_age=365 * 24 * 3600, httponly=True,
                            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    else:
        response.delete_cookie(settings.TEXT_SIZE_COOKIE_NAME, samesite="Lax")
    return response


def favicon(request):
    """Browsers ask for /favicon.ico on every page (the admin console's and the API docs' too)."""
    return redirect(static("favicon.svg"), permanent=True)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def healthz_session(request):
    """The trivial page for a signed-in person: what the session, the person and their
    access profile cost, apart from any page's own work (the benchmark's yardstick)."""
    return HttpResponse(f"ok {len(access.profile(request.user).roles())}", content_type="text/plain")


class LoginView(auth_views.LoginView):
    """Sign-in; repeated failures are locked out by django-axes (see settings)."""

    redirect_authenticated_user = True


class ObjectTypeField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, content_type):
        return content_type_label(content_type)


class ObjectTypeFilter(django_filters.ModelChoiceFilter):
    """The kinds of things in the trail by the names people know them by (成员单位, 成员身份),
    not by app and model."""

    field_class = ObjectTypeField


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(label=_("user name"), field_name="actor_label", lookup_expr="iexact")
    organization = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=Organization.objects.order_by("name_zh"), empty_label=_("All organisations")
    )
    action = django_filters.ChoiceFilter(
        label=_("action"), choices=AuditEvent.Action.choices, empty_label=_("All actions")
    )
    source = django_filters.ChoiceFilter(
        label=_("channel"), choices=AuditEvent.Source.choices, empty_label=_("All channels")
    )
    content_type = ObjectTypeFilter(
        label=_("object type"), empty_label=_("All object types"),
        queryset=lambda request: audited_content_types().order_by("app_label", "model"),
    )
    since = django_filters.DateFilter(
        label=_("from"), field_name="occurred_at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        label=_("until"), field_name="occurred_at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    q = django_filters.CharFilter(label=_("object"), field_name="object_repr", lookup_expr="icontains")

    class Meta:
        model = AuditEvent
        fields = []


@login_required
def audit_list(request):
    """审计记录: the secretariat browses and filters every write, and exports what the
    filters show (?export=csv or ?export=xlsx)."""
    if not access.can_view_audit(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor", "organization", "content_type")
    filterset = AuditEventFilter(request.GET or None, queryset=events)
    export = request.GET.get("export")
    if export in audit_export.FORMATS:
        return audit_export.response(filterset.qs, export)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    rows = readable_changes(page.object_list)
    for event in page.object_list:
        event.rows = rows[event.pk]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "consortium/audit_list.html", {"filter": filterset, "page": page, "query": query.urlencode()}
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    # An address under /api/ that no route matches answers as the API does: JSON, not a page.
    if request.path_info.startswith("/api/"):
        return api.error_response(status=404, code="not_found", message=str(_("Not found.")))
    return render(request, "404.html", status=404)
