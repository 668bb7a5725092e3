"""Addresses of the talent platform: supply."""

urlpatterns: list = []
