"""The talent platform's pages under /talent/, one module of addresses per part."""

from talent_matching.urls import applications, matching, placement, postings, profiles, supply

app_name = "talent"

urlpatterns = [
    *postings.urlpatterns,
    *profiles.urlpatterns,
    *applications.urlpatterns,
    *matching.urlpatterns,
    *placement.urlpatterns,
    *supply.urlpatterns,
]
