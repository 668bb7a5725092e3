"""The bases part: its models are written with the part."""
