"""Events one part of the training app announces and another acts on, so the parts stay apart.

``standard_versioned``: a standard got a new version. Sent inside the transaction that records
it, with keyword arguments ``standard`` (the new current version), ``previous`` (the version it
replaces) and ``actor``. The courses part flags every course citing an earlier version for review.
"""

from django.dispatch import Signal

standard_versioned = Signal()
