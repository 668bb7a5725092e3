"""Events members sends for the apps above it (they connect to them; members never imports them).

``application_approved``: sent by ``services.application_approve`` inside its transaction, after
the application is marked approved and before the organisation is admitted, with ``application``
and ``actor``. A receiver that returns ``True`` holds the admission for a further decision (the
council's vote): the organisation stays an applicant until that decision calls
``services.application_settle``."""

from django.dispatch import Signal

application_approved = Signal()
