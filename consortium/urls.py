"""Site URLs. Each app's pages live under the prefix its ``portal.py`` declares, in its own
namespace; its API routes join the ``/api/v1/`` router (see ``core.portal``)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from consortium import views
from core import portal
from core.http import same_origin_only

router = DefaultRouter()
for route in portal.api_routes():
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("healthz/", views.healthz, name="healthz"),
    path("healthz/session/", views.healthz_session, name="healthz_session"),
    path("audit/", views.audit_list, name="audit_list"),
    path("announcements/", include("consortium.announcement_urls")),
    # The language switch sits on every page, and visitors' pages are cached whole, so it
    # carries no per-visitor CSRF token: a browser's cross-site request is refused by its
    # Fetch Metadata / Origin headers instead (core.http.same_origin_only).
    path("i18n/setlang/", csrf_exempt(same_origin_only(set_language)), name="set_language"),
    # Larger text: a preference, refused from other sites like the language switch, and for
    # the same reason without a CSRF token.
    path("accounts/text-size/", csrf_exempt(same_origin_only(views.text_size)), name="text_size"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    *[path(prefix, include(module)) for prefix, module in portal.url_mounts()],
    # did:web documents of the issuing organisations, where did:web resolution looks for them.
    path("", include("credentials.well_known_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]

handler403 = "consortium.views.permission_denied"
handler404 = "consortium.views.page_not_found"
