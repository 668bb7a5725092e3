"""The console's pages of the bases part."""
