"""Writes of the talent platform: placement."""
