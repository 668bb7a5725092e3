"""The competitions part."""
