"""The console's pages of the standards part."""
