"""Governance addresses: motions, votes and the resolution register."""

from django.urls import path

from consortium.governance.views import votes as views

urlpatterns = [
    path("motions/", views.motion_list, name="motions"),
    path("motions/new/", views.motion_create, name="motion_create"),
    path("motions/<int:pk>/", views.motion_detail, name="motion"),
    path("motions/<int:pk>/vote/", views.motion_vote, name="motion_vote"),
    path("motions/<int:pk>/conflict/", views.motion_recuse, name="motion_recuse"),
    path("motions/<int:pk>/<str:action>/", views.motion_action, name="motion_action"),
    path("resolutions/", views.resolution_list, name="resolutions"),
    path("resolutions/export/<str:fmt>/", views.resolution_export, name="resolutions_export"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution"),
    path("resolutions/<int:pk>/disclosure/", views.resolution_disclose, name="resolution_disclose"),
]
