"""Governance addresses: actions."""

urlpatterns = []
