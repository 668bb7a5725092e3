"""Training addresses: the pathways part, under /training/pathways/."""

from django.urls import path

from training.views import pathways as views

urlpatterns = [
    path("pathways/", views.pathway_list, name="pathways"),
    path("pathways/new/", views.pathway_create, name="pathway_create"),
    path("pathways/<int:pk>/", views.pathway_detail, name="pathway"),
    path("pathways/<int:pk>/confirm/", views.pathway_confirm, name="pathway_confirm"),
    path("pathways/<int:pk>/enrol/", views.enrol, name="pathway_enrol"),
    path("pathways/stages/<int:pk>/edit/", views.stage_edit, name="pathway_stage_edit"),
    path("pathways/students/", views.enrolment_list, name="pathway_enrolments"),
    path("pathways/students/<int:pk>/", views.enrolment_detail, name="pathway_enrolment"),
    path("pathways/students/<int:pk>/result/", views.result_entry, name="pathway_result"),
    path("pathways/students/<int:pk>/transfer/", views.enrolment_transfer, name="pathway_transfer"),
    path("pathways/incoming/", views.incoming, name="pathway_incoming"),
]
