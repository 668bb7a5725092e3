"""Addresses of the talent platform: applications."""

from django.urls import path

from talent_matching.views import applications as views

urlpatterns = [
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/received/", views.received_applications, name="received_applications"),
    path("applications/school/", views.school_applications, name="school_applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/messages/", views.application_message, name="application_message"),
    path("applications/<int:pk>/<slug:action>/", views.application_step, name="application_step"),
    path("postings/<int:posting_pk>/apply/", views.application_apply, name="application_apply"),
    path("postings/<int:posting_pk>/invite/<int:profile_pk>/", views.application_invite, name="application_invite"),
]
