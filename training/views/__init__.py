"""The training app's views, one module per part."""
