"""Governance addresses: responsibility credits."""

from django.urls import path

from consortium.governance.views import credits as views

urlpatterns = [
    path("credits/rules/", views.rule_list, name="credit_rules"),
    path("credits/rules/new/", views.rule_create, name="credit_rule_create"),
    path("credits/rules/<int:pk>/withdraw/", views.rule_withdraw, name="credit_rule_withdraw"),
    path("credits/accounts/", views.account_list, name="credit_accounts"),
    path("credits/accounts/<int:organization>/", views.account_detail, name="credit_account"),
    path("credits/schemes/", views.scheme_list, name="subsidy_schemes"),
    path("credits/schemes/new/", views.scheme_create, name="subsidy_scheme_create"),
    path("credits/schemes/<int:scheme>/redeem/", views.redemption_request, name="redemption_request"),
    path("credits/redemptions/", views.redemption_list, name="redemptions"),
    path("credits/redemptions/<int:pk>/decide/", views.redemption_decide, name="redemption_decide"),
    path("credits/contributions/", views.uncredited_contributions, name="uncredited_contributions"),
]
