"""The consortium as a whole: its council and governance (to come)."""
