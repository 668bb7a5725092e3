"""Writes of the talent platform: profiles."""
