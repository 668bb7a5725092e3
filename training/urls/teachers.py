"""Training addresses: teachers' training records and 双师型 certification, under /training/teachers/."""

from django.urls import path

from training.views import teachers as views

urlpatterns = [
    path("teachers/", views.my_records, name="teacher_records"),
    path("teachers/new/", views.record_create, name="teacher_record_create"),
    path("teachers/queue/", views.queue, name="teacher_queue"),
    path("teachers/overview/", views.overview, name="teacher_overview"),
    path("teachers/<int:pk>/", views.record_detail, name="teacher_record"),
    path("teachers/<int:pk>/edit/", views.record_edit, name="teacher_record_edit"),
    path("teachers/<int:pk>/submit/", views.record_submit, name="teacher_record_submit"),
    path("teachers/<int:pk>/review/", views.record_review, name="teacher_record_review"),
    path("teachers/evidence/<int:pk>/", views.evidence, name="teacher_evidence"),
    path("teachers/dual/", views.dual_list, name="dual_applications"),
    path("teachers/dual/new/", views.dual_apply, name="dual_apply"),
    path("teachers/dual/<int:pk>/", views.dual_detail, name="dual_application"),
]
