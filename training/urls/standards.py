"""Training addresses: the standards part, under /training/standards/."""

from django.urls import path

from training.views import standards as views

urlpatterns = [
    path("standards/", views.standard_list, name="standards"),
    path("standards/new/", views.standard_create, name="standard_create"),
    path("standards/<int:pk>/", views.standard_detail, name="standard"),
    path("standards/<int:pk>/edit/", views.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/new-version/", views.standard_new_version, name="standard_new_version"),
    path("standards/<int:pk>/compare/", views.standard_compare, name="standard_compare"),
    path("standards/<int:pk>/competences/new/", views.competence_create, name="competence_create"),
    path("standards/competences/<int:pk>/edit/", views.competence_edit, name="competence_edit"),
    path("standards/competences/<int:pk>/delete/", views.competence_delete, name="competence_delete"),
]
