"""The training app's place in the portal, one module per part."""
