"""The governance hub."""

from django.urls import path

from consortium.governance.views import hub

urlpatterns = [path("", hub.home, name="home")]
