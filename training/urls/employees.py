"""Training addresses: the employees part, under /training/employees/."""

from django.urls import path

from training.views import employees as views

urlpatterns = [
    path("employees/", views.programme_list, name="programmes"),
    path("employees/new/", views.programme_create, name="programme_create"),
    path("employees/report/", views.report, name="employee_training_report"),
    path("employees/enrolments/", views.enrolment_list, name="enrolments"),
    path("employees/<int:pk>/", views.programme_detail, name="programme"),
    path("employees/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("employees/<int:pk>/sessions/new/", views.session_create, name="programme_session_create"),
    path("employees/<int:pk>/enrol/", views.enrol, name="programme_enrol"),
    path("employees/sessions/<int:pk>/attendance/", views.attendance, name="session_attendance"),
    path("employees/enrolments/<int:pk>/assess/", views.assess, name="enrolment_assess"),
    path("employees/enrolments/<int:pk>/withdraw/", views.withdraw, name="enrolment_withdraw"),
    path("employees/enrolments/<int:pk>/issue/", views.issue, name="enrolment_issue"),
]
