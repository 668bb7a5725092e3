"""Training addresses: the competitions part, under /training/competitions/."""

from django.urls import path

from training.views import competitions as views

urlpatterns = [
    path("competitions/", views.competition_list, name="competitions"),
    path("competitions/new/", views.competition_create, name="competition_create"),
    path("competitions/mine/", views.my_competitions, name="my_competitions"),
    path("competitions/<int:pk>/", views.competition_detail, name="competition"),
    path("competitions/<int:pk>/categories/new/", views.category_create, name="competition_category_create"),
    path("competitions/categories/<int:pk>/register/", views.team_register, name="competition_team_register"),
    path("competitions/<int:pk>/results/", views.results_entry, name="competition_results"),
    path("competitions/<int:pk>/publish/", views.results_publish, name="competition_publish"),
    path("competitions/<int:pk>/awards/", views.awards_issue, name="competition_awards_issue"),
]
