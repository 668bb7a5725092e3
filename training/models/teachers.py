"""The teachers part: its models are written with the part."""
