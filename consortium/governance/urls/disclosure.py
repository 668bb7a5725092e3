"""Governance addresses: the public disclosure pages (信息公开)."""

from django.urls import path

from consortium.governance.views import disclosure as views

urlpatterns = [
    path("public/", views.public_home, name="public_home"),
    path("public/resolutions/", views.public_resolution_list, name="public_resolutions"),
    path("public/resolutions/<str:number>/", views.public_resolution, name="public_resolution"),
]
