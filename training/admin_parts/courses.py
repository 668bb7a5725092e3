"""The console's pages of the courses part."""
