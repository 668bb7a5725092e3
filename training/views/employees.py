"""The employees part."""
