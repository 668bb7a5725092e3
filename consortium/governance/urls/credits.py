"""Governance addresses: credits."""

urlpatterns = []
