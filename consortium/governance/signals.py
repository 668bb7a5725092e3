"""Receivers that connect the governance parts to events of the other apps (see each part)."""

from consortium.governance.services import credits as _credits  # noqa: F401  (connects its receivers)
