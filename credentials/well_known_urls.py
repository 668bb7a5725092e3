"""The did:web addresses of the issuing organisations, at the site's root: the DID
``did:web:<host>:orgs:<id>`` resolves to ``https://<host>/orgs/<id>/did.json``
(``credentials.vc.did``). Included from ``consortium/urls.py``."""

from django.urls import path

from credentials.views import public

urlpatterns = [
    path("orgs/<int:organization_id>/did.json", public.did_document, name="did_document"),
]
