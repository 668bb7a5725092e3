"""The mentors part."""
