from django.urls import path

from credentials import credit_urls
from credentials.views import issuing, public, verification, wallet

app_name = "credentials"

urlpatterns = [
    # What verifiers fetch (no sign-in).
    path("status/<int:organization_id>/<str:purpose>/<int:number>", public.status_list, name="status_list"),
    # Verifying and holding (the verify pages need no sign-in).
    path("verify/", verification.verify_page, name="verify"),
    path("verify/<uuid:uuid>/", verification.verify_issued, name="verify_issued"),
    path("shared/<str:token>/", verification.shared, name="shared"),
    path("mine/", wallet.wallet, name="wallet"),
    path("mine/<uuid:uuid>/", wallet.wallet_detail, name="wallet_detail"),
    path("mine/<uuid:uuid>/credential.json", wallet.wallet_json, name="wallet_json"),
    path("mine/<uuid:uuid>/certificate.pdf", wallet.wallet_pdf, name="wallet_pdf"),
    path("mine/<uuid:uuid>/share/", wallet.wallet_share, name="wallet_share"),
    # The issuers' pages.
    path("issuing/", issuing.issuing_home, name="issuing"),
    path("issuing/<int:org>/", issuing.issued_list, name="issued_list"),
    path("issuing/<int:org>/achievements/", issuing.achievement_list, name="achievement_list"),
    path("issuing/<int:org>/achievements/new/", issuing.achievement_create, name="achievement_create"),
    path("issuing/<int:org>/achievements/<int:pk>/", issuing.achievement_edit, name="achievement_edit"),
    path("issuing/<int:org>/issue/", issuing.issue, name="issue"),
    path("issuing/<int:org>/batch/", issuing.batch_create, name="batch_create"),
    path("issuing/<int:org>/keys/", issuing.key_list, name="key_list"),
    path("issuing/<int:org>/keys/rotate/", issuing.key_rotate, name="key_rotate"),
    path("issuing/batches/<int:pk>/", issuing.batch_detail, name="batch_detail"),
    path("issuing/batches/<int:pk>/progress", issuing.batch_progress, name="batch_progress"),
    path("issuing/credentials/<uuid:uuid>/", issuing.issued_credential, name="issued_credential"),
    path("issuing/credentials/<uuid:uuid>/<str:action>/", issuing.credential_status, name="credential_status"),
]

# The credit bank (学分银行).
urlpatterns += credit_urls.urlpatterns
