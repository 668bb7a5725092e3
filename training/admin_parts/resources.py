"""The console's pages of the resources part."""
