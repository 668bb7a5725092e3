"""Addresses of the talent platform: applications."""

urlpatterns: list = []
