"""The training app's selectors, one module per part."""
