"""Addresses of the talent platform: placement."""

urlpatterns: list = []
