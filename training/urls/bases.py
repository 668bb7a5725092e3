"""Training addresses: industry colleges, training bases and their bookings, under /training/bases/."""

from django.urls import path

from training.views import bases as views

urlpatterns = [
    path("bases/", views.base_list, name="bases"),
    path("bases/new/", views.base_create, name="base_create"),
    path("bases/<int:pk>/", views.base_detail, name="base"),
    path("bases/<int:pk>/edit/", views.base_edit, name="base_edit"),
    path("bases/<int:pk>/calendar/", views.base_calendar, name="base_calendar"),
    path("bases/<int:pk>/book/", views.booking_create, name="booking_create"),
    path("bases/colleges/", views.college_list, name="colleges"),
    path("bases/colleges/new/", views.college_create, name="college_create"),
    path("bases/colleges/<int:pk>/", views.college_detail, name="college"),
    path("bases/colleges/<int:pk>/edit/", views.college_edit, name="college_edit"),
    path("bases/bookings/mine/", views.my_bookings, name="my_bookings"),
    path("bases/bookings/requests/", views.booking_queue, name="booking_queue"),
    path("bases/bookings/<int:pk>/accept/", views.booking_accept, name="booking_accept"),
    path("bases/bookings/<int:pk>/decline/", views.booking_decline, name="booking_decline"),
    path("bases/bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
]
