"""Governance addresses: disclosure."""

urlpatterns = []
