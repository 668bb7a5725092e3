"""Governance addresses: meetings."""

urlpatterns = []
