"""Events between the governance parts.

``motion_decided``: sent by ``services.votes`` inside the transaction that closes a motion, with
``motion`` (its status now adopted, rejected or not decided for want of quorum, its count filled,
and ``motion.resolution`` when adopted). The part whose row is the motion's ``subject`` (minutes,
a project, a budget change, a routed matter, a membership application…) acts on it in its receiver,
connected in its ``services`` module, checking ``motion.subject_type`` first."""

from django.dispatch import Signal

motion_decided = Signal()
