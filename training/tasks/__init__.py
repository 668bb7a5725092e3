"""The training app's tasks, one module per part."""
