"""The console's pages of the teachers part."""
