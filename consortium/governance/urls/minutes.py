"""Governance addresses: minutes."""

from django.urls import path

from consortium.governance.views import minutes as views

urlpatterns = [
    path("minutes/", views.minutes_list, name="minutes_list"),
    path("minutes/<int:pk>/", views.minutes_detail, name="minutes_detail"),
    path("minutes/<int:pk>/compare/", views.minutes_compare, name="minutes_compare"),
    path("minutes/<int:pk>/correct/", views.minutes_correct, name="minutes_correct"),
    path("minutes/<int:pk>/public/", views.minutes_publish, name="minutes_publish"),
    path("meetings/<int:meeting_pk>/minutes/draft/", views.minutes_draft, name="minutes_draft"),
    path("minutes/versions/<int:pk>/edit/", views.minutes_edit, name="minutes_edit"),
    path("minutes/versions/<int:pk>/comment/", views.minutes_comment, name="minutes_comment"),
    path("minutes/versions/<int:pk>/vote/", views.minutes_vote, name="minutes_vote"),
]
