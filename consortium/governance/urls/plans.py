"""Governance addresses: plans, under /governance/plans/."""

from django.urls import path

from consortium.governance.views import plans as views

urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/adopt/", views.plan_adopt, name="plan_adopt"),
    path("plans/<int:pk>/items/new/", views.plan_item_create, name="plan_item_create"),
    path("plans/items/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
]
