"""Addresses of the talent platform: matching."""

urlpatterns: list = []
