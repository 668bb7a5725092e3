"""The console's pages of the pathways part."""
