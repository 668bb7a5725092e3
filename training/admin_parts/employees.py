"""The console's pages of the employees part."""
