from django.urls import path

from credentials import views

app_name = "credentials"

urlpatterns = [
    path("verify/", views.verify_page, name="verify"),
    path("verify/<uuid:uuid>/", views.verify_issued, name="verify_issued"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("mine/", views.wallet, name="wallet"),
    path("mine/<uuid:uuid>/", views.wallet_detail, name="wallet_detail"),
    path("mine/<uuid:uuid>/credential.json", views.wallet_json, name="wallet_json"),
    path("mine/<uuid:uuid>/certificate.pdf", views.wallet_pdf, name="wallet_pdf"),
    path("mine/<uuid:uuid>/share/", views.wallet_share, name="wallet_share"),
]
