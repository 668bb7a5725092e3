from django.urls import path

from credentials import credit_urls
from credentials.views import issuing, public

app_name = "credentials"

urlpatterns = [
    # What verifiers fetch (no sign-in).
    path("status/<int:organization_id>/<str:purpose>/<int:number>", public.status_list, name="status_list"),
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
