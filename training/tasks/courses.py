"""The courses part."""
