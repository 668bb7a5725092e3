"""The bases part."""
