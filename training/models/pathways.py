"""The pathways part: its models are written with the part."""
