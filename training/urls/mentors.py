"""Training addresses: the mentors part, under /training/mentors/."""

from django.urls import path

from training.views import mentors as views

urlpatterns = [
    path("mentors/", views.mentor_list, name="mentors"),
    path("mentors/new/", views.mentor_create, name="mentor_create"),
    path("mentors/<int:pk>/", views.mentor_detail, name="mentor"),
    path("mentors/<int:pk>/decide/", views.mentor_decide, name="mentor_decide"),
    path("mentors/<int:pk>/hours/", views.mentor_hours, name="mentor_hours"),
    path("mentors/<int:pk>/complete/", views.mentor_complete, name="mentor_complete"),
    path("mentors/<int:pk>/withdraw/", views.mentor_withdraw, name="mentor_withdraw"),
]
