"""Governance addresses: action items, under /governance/actions/."""

from django.urls import path

from consortium.governance.views import actions as views

urlpatterns = [
    path("actions/", views.action_list, name="actions"),
    path("actions/mine/", views.action_list_mine, name="actions_mine"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/note/", views.action_note, name="action_note"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("actions/<int:pk>/cancel/", views.action_cancel, name="action_cancel"),
    path("actions/<int:pk>/reopen/", views.action_reopen, name="action_reopen"),
]
