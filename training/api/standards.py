"""The standards part."""
