"""Governance pages under /governance/, one module of addresses per part."""

from consortium.governance.urls import bodies, meetings, votes, minutes, routing, actions, plans, projects, credits, disclosure, hub

app_name = "governance"

urlpatterns = [
    *hub.urlpatterns,
    *bodies.urlpatterns,
    *meetings.urlpatterns,
    *votes.urlpatterns,
    *minutes.urlpatterns,
    *routing.urlpatterns,
    *actions.urlpatterns,
    *plans.urlpatterns,
    *projects.urlpatterns,
    *credits.urlpatterns,
    *disclosure.urlpatterns,
]
