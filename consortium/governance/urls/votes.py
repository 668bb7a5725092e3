"""Governance addresses: votes."""

urlpatterns = []
