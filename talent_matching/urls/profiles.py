"""Addresses of the talent platform: profiles."""

urlpatterns: list = []
