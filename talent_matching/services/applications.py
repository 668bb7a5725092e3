"""Writes of the talent platform: applications."""
