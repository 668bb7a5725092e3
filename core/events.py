"""Events one app announces and another, higher up, acts on — so the lower app calls no code
above it.

``contribution``: an organisation did something the consortium may reward with responsibility
credits (教育责任积分) — an enterprise hosted an intern for a month, provided a training course,
a mentor served a term, a course was co-developed. Sent inside the transaction that records it,
with keyword arguments ``kind`` (a short code such as ``"internship_month"``), ``organization``
(the organisation credited), ``source`` (the saved model instance the event is recorded in),
``quantity`` (a positive integer, e.g. months) and ``occurred_on`` (a date). The governance app's
credits service records it once per source and kind and credits it under the council's rules.
"""

from django.dispatch import Signal

contribution = Signal()
