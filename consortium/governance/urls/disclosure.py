"""Governance addresses: the public disclosure pages (信息公开)."""

from django.urls import path

from consortium.governance.views import disclosure as views

urlpatterns = [
    path("public/", views.public_home, name="public_home"),
    path("public/resolutions/", views.public_resolution_list, name="public_resolutions"),
    path("public/resolutions/<str:number>/", views.public_resolution, name="public_resolution"),
    path("public/minutes/", views.public_minutes_list, name="public_minutes"),
    path("public/minutes/<int:pk>/", views.public_minutes_detail, name="public_minutes_detail"),
    path("public/projects/", views.public_project_list, name="public_projects"),
    path("public/projects/<int:pk>/", views.public_project, name="public_project"),
]
