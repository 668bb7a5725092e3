"""Sent after a bulk import of a reference list (which sends no model signals), so that
what shows the lists — cached pages above all — can be told they changed."""

from django.dispatch import Signal

reference_imported = Signal()  # sender: the model imported
