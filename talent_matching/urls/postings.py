"""Addresses of the talent platform: postings."""

urlpatterns: list = []
