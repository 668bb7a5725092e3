"""The teachers part."""
