"""Addresses of the talent platform: matching."""

from django.urls import path

from talent_matching.views import matching as views

urlpatterns = [
    path("matching/", views.runs, name="matching"),
    path("matching/start/", views.run_start, name="matching_start"),
    path("matching/runs/<int:pk>/", views.run_detail, name="matching_run"),
    path("matching/runs/<int:pk>/status/", views.run_status, name="matching_run_status"),
    path("matching/postings/<int:pk>/candidates/", views.posting_candidates, name="posting_candidates"),
    path("matching/for-me/", views.my_matches, name="my_matches"),
]
