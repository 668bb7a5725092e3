"""通知公告 at /announcements/: the public pages, the files, and the secretariat's pages."""

from django.urls import path

from consortium import announcement_views as views

app_name = "announcements"

urlpatterns = [
    path("", views.announcement_list, name="list"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("manage/", views.announcement_manage, name="manage"),
    path("new/", views.announcement_create, name="create"),
    path("<int:pk>/edit/", views.announcement_edit, name="edit"),
    path("<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path("files/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("<int:pk>/publish/", views.announcement_publish, name="publish"),
    path("<int:pk>/withdraw/", views.announcement_withdraw, name="withdraw"),
    path("<int:pk>/delete/", views.announcement_delete, name="delete"),
]
