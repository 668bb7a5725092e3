"""Governance addresses: projects and funds, under /governance/projects/."""

from django.urls import path

from consortium.governance.views import projects as views

urlpatterns = [
    path("projects/", views.project_list, name="projects"),
    path("projects/mine/", views.project_list_mine, name="projects_mine"),
    path("projects/execution.csv", views.execution_export, name="projects_export"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/approval/", views.approval, name="project_approval"),
    path("projects/<int:pk>/status/", views.status_change, name="project_status"),
    path("projects/<int:pk>/partners/", views.partners, name="project_partners"),
    path("projects/<int:pk>/partners/<int:partner>/remove/", views.partner_remove, name="project_partner_remove"),
    path("projects/<int:pk>/lines/new/", views.line_create, name="project_line_create"),
    path("projects/<int:pk>/expenses/new/", views.expense_create, name="project_expense_create"),
    path("projects/expenses/<int:pk>/evidence/", views.evidence, name="project_evidence"),
    path("projects/<int:pk>/milestones/new/", views.milestone_create, name="project_milestone_create"),
    path("projects/milestones/<int:pk>/done/", views.milestone_done, name="project_milestone_done"),
    path("projects/<int:pk>/assessment/", views.assess, name="project_assess"),
]
