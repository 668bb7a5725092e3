"""Governance addresses: minutes."""

urlpatterns = []
