"""The training app's forms, one module per part."""
