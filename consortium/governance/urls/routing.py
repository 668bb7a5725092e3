"""Governance addresses: routing of matters."""

from django.urls import path

from consortium.governance.views import routing as views

urlpatterns = [
    path("matters/", views.matter_list, name="matters"),
    path("matters/new/", views.matter_create, name="matter_create"),
    path("matters/settings/", views.routing_settings, name="routing_settings"),
    path("matters/<int:pk>/", views.matter_detail, name="matter"),
    path("matters/<int:pk>/forward/", views.matter_forward, name="matter_forward"),
    path("matters/<int:pk>/vote/", views.matter_vote, name="matter_vote"),
    path("matters/<int:pk>/execute/", views.matter_execute, name="matter_execute"),
    path("matters/<int:pk>/withdraw/", views.matter_withdraw, name="matter_withdraw"),
]
