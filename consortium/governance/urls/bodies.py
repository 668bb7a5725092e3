"""Governance addresses: bodies and seats."""

from django.urls import path

from consortium.governance.views import bodies as views

urlpatterns = [
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/history/", views.body_history, name="body_history"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("bodies/<int:pk>/active/", views.body_active, name="body_active"),
    path("bodies/<int:pk>/seats/new/", views.seat_create, name="seat_create"),
    path("seats/<int:pk>/", views.seat_detail, name="seat_detail"),
    path("seats/<int:pk>/representatives/", views.seat_representatives, name="seat_representatives"),
    path("seats/<int:pk>/edit/", views.seat_edit, name="seat_edit"),
    path("seats/<int:pk>/end/", views.seat_end, name="seat_end"),
    path("seats/<int:pk>/delegate/", views.seat_delegate, name="seat_delegate"),
]
