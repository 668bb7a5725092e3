from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/people/", views.people, name="people"),
    path("organizations/<int:pk>/invitations/", views.invitation_create, name="invitation_create"),
    path("organizations/<int:pk>/invitations/batch/", views.invitation_batch, name="invitation_batch"),
    path("organizations/<int:pk>/invitations/template.<str:fmt>", views.invitation_template,
         name="invitation_template"),
    path("organizations/<int:pk>/roles/", views.membership_grant, name="membership_grant"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("join/", views.apply_guide, name="join"),
    path("apply/", views.apply, name="apply"),
    path("apply/progress/", views.application_progress, name="application_progress"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/files/<int:pk>/", views.application_attachment, name="application_attachment"),
    path("account/", views.account, name="account"),
    path("organizations/<int:pk>/api-keys/", views.api_keys, name="api_keys"),
    path("api-keys/<int:pk>/revoke/", views.api_key_revoke, name="api_key_revoke"),
]
