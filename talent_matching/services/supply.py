"""Writes of the talent platform: supply."""
