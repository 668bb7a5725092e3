"""Writes of the talent platform: postings."""
