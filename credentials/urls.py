from django.urls import path

from credentials.views import public, verification, wallet

app_name = "credentials"

urlpatterns = [
    path("status/<int:organization_id>/<str:purpose>/<int:number>", public.status_list, name="status_list"),
    path("verify/", verification.verify_page, name="verify"),
    path("verify/<uuid:uuid>/", verification.verify_issued, name="verify_issued"),
    path("shared/<str:token>/", verification.shared, name="shared"),
    path("mine/", wallet.wallet, name="wallet"),
    path("mine/<uuid:uuid>/", wallet.wallet_detail, name="wallet_detail"),
    path("mine/<uuid:uuid>/credential.json", wallet.wallet_json, name="wallet_json"),
    path("mine/<uuid:uuid>/certificate.pdf", wallet.wallet_pdf, name="wallet_pdf"),
    path("mine/<uuid:uuid>/share/", wallet.wallet_share, name="wallet_share"),
]
