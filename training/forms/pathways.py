"""The pathways part."""
