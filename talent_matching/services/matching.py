"""Writes of the talent platform: matching."""


def request_rematch(*, posting=None, profile=None) -> None:
    """Re-match one edited posting or profile after the current transaction commits (the
    matching part fills this in)."""
