"""Addresses of the talent platform: student profiles, consent and personal information."""

from django.urls import path

from talent_matching.views import profiles as views

urlpatterns = [
    path("profile/", views.my_profile, name="my_profile"),
    path("profile/edit/", views.my_profile_edit, name="my_profile_edit"),
    path("profile/consent/", views.consent, name="consent"),
    path("profile/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("profile/accesses/", views.my_accesses, name="my_accesses"),
    path("profile/my-data.json", views.my_data, name="my_data"),
    path("profiles/retention/", views.retention, name="retention"),
    path("profiles/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/edit/", views.school_profile_edit, name="school_profile_edit"),
    path("profiles/<int:pk>/download.<str:fmt>", views.profile_download, name="profile_download"),
    path("schools/<int:org>/profiles/", views.school_profiles, name="school_profiles"),
    path("schools/<int:org>/profiles/import/", views.school_profile_import, name="school_profile_import"),
]
