"""Governance addresses: meetings, their calendars, and a person's notifications."""

from django.urls import path

from consortium.governance.views import meetings as views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/my.ics", views.my_calendar, name="my_meetings_ics"),
    path("meetings/calendar/<str:token>.ics", views.calendar_subscription, name="calendar_subscription"),
    path("meetings/calendar/renew/", views.calendar_subscription_renew, name="calendar_subscription_renew"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/seats/", views.meeting_invited, name="meeting_invited"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/held/", views.meeting_held, name="meeting_held"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/answer/<int:seat>/", views.meeting_rsvp, name="meeting_rsvp"),
    path("meetings/<int:pk>/items/new/", views.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/items/<int:item>/", views.agenda_item_edit, name="agenda_item_edit"),
    path("meetings/<int:pk>/items/<int:item>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    path("meetings/<int:pk>/items/<int:item>/<str:direction>/", views.agenda_item_move, name="agenda_item_move"),
    path("meetings/<int:pk>/documents/new/", views.document_upload, name="meeting_document_upload"),
    path("meetings/<int:pk>/documents/<int:document>/", views.document_download, name="meeting_document"),
    path("meetings/<int:pk>/documents/<int:document>/delete/", views.document_delete, name="meeting_document_delete"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
]
