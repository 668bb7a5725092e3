"""The training app's services, one module per part."""
