"""Addresses of the talent platform: its entry page and the postings (岗位需求)."""

from django.urls import path

from talent_matching.views import postings as views

urlpatterns = [
    path("", views.home, name="home"),
    path("postings/", views.posting_list, name="posting_list"),
    path("postings/mine/", views.posting_manage, name="posting_manage"),
    path("postings/new/", views.posting_create, name="posting_create"),
    path("postings/<int:pk>/", views.posting_detail, name="posting_detail"),
    path("postings/<int:pk>/edit/", views.posting_edit, name="posting_edit"),
    path("postings/<int:pk>/publish/", views.posting_publish, name="posting_publish"),
    path("postings/<int:pk>/close/", views.posting_close, name="posting_close"),
    path("postings/<int:pk>/copy/", views.posting_copy, name="posting_copy"),
]
