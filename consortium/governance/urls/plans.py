"""Governance addresses: plans."""

urlpatterns = []
