"""The employees part: its models are written with the part."""
