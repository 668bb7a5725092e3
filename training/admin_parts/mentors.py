"""The console's pages of the mentors part."""
