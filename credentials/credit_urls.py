"""学分银行's addresses, under /credentials/credit/ (included by credentials/urls.py)."""

from django.urls import path

from credentials import credit_views as views

urlpatterns = [
    path("credit/rules/", views.credit_rules, name="credit_rules"),
    path("credit/rules/manage/", views.credit_rule_manage, name="credit_rule_manage"),
    path("credit/rules/new/", views.credit_rule_create, name="credit_rule_create"),
    path("credit/rules/<int:pk>/", views.credit_rule_edit, name="credit_rule_edit"),
    path("credit/rules/<int:pk>/<str:action>/", views.credit_rule_action, name="credit_rule_action"),
    path("credit/account/", views.credit_account, name="credit_account"),
    path("credit/account/request/", views.credit_request, name="credit_request"),
    path("credit/recognition/", views.recognition_queue, name="recognition_queue"),
    path("credit/recognition/<int:pk>/", views.recognition_decide, name="recognition_decide"),
]
