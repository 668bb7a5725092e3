"""Addresses of the talent platform: placement rounds, under /talent/placement/."""

from django.urls import path

from talent_matching.views import placement as views

urlpatterns = [
    path("placement/", views.round_list, name="placement_rounds"),
    path("placement/new/", views.round_create, name="placement_round_create"),
    path("placement/<int:pk>/", views.round_detail, name="placement_round"),
    path("placement/<int:pk>/edit/", views.round_edit, name="placement_round_edit"),
    path("placement/<int:pk>/places/", views.round_places, name="placement_round_places"),
    path("placement/<int:pk>/results/", views.round_results, name="placement_results"),
    path("placement/<int:pk>/rank/", views.rank, name="placement_rank"),
    path("placement/<int:pk>/students/", views.school_students, name="placement_school"),
    path("placement/<int:pk>/postings/<int:posting>/", views.applicants, name="placement_applicants"),
    path("placement/<int:pk>/postings/<int:posting>/students/<int:profile>/refusal/", views.refuse,
         name="placement_refuse"),
    path("placement/<int:pk>/<str:action>/", views.round_action, name="placement_round_action"),
]
