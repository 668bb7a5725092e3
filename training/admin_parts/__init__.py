"""The training app's admin parts, one module per part."""
