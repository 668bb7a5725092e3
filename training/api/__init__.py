"""The training app's api, one module per part."""
