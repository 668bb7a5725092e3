"""Governance addresses: routing."""

urlpatterns = []
