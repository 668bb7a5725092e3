"""The resources part."""
