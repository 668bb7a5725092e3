"""The console's pages of the competitions part."""
