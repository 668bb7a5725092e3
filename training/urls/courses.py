"""Training addresses: the courses part, under /training/courses/."""

from django.urls import path

from training.views import courses as views

urlpatterns = [
    path("courses/", views.course_list, name="courses"),
    path("courses/new/", views.course_propose, name="course_propose"),
    path("courses/coverage/", views.course_coverage, name="course_coverage"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/versions/<int:number>/", views.course_version, name="course_version"),
    path("courses/<int:pk>/compare/", views.course_compare, name="course_compare"),
    path("courses/<int:pk>/units/new/", views.course_unit_create, name="course_unit_create"),
    path("courses/units/<int:pk>/edit/", views.course_unit_edit, name="course_unit_edit"),
    path("courses/units/<int:pk>/delete/", views.course_unit_delete, name="course_unit_delete"),
    path("courses/units/<int:pk>/cases/new/", views.course_case_create, name="course_case_create"),
    path("courses/<int:pk>/chapters/new/", views.course_chapter_create, name="course_chapter_create"),
    path("courses/chapters/<int:pk>/edit/", views.course_chapter_edit, name="course_chapter_edit"),
    path("courses/<int:pk>/resources/", views.course_resources, name="course_resources"),
    path("courses/<int:pk>/submit/", views.course_submit, name="course_submit"),
    path("courses/<int:pk>/review/", views.course_review, name="course_review"),
    path("courses/<int:pk>/new-version/", views.course_new_version, name="course_new_version"),
    path("courses/<int:pk>/use/", views.course_use, name="course_use"),
    path("courses/<int:pk>/retire/", views.course_retire, name="course_retire"),
]
