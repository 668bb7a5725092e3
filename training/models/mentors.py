"""The mentors part: its models are written with the part."""
