"""Governance addresses: projects."""

urlpatterns = []
