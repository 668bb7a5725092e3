"""Governance addresses: bodies."""

urlpatterns = []
