"""The transparency log's place in the portal (see ``core.portal``): its public endpoints under
/log/, the beat task that signs checkpoints and gathers cosignatures, and its decisions."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from core.portal import PeriodicTask

URLS = "log/"

PERIODIC_TASKS = [
    PeriodicTask("transparency-checkpoint", "transparency.tasks.checkpoint_publish_task", timedelta(minutes=5)),
]

AUDIT_EVENTS = {
    "witness.created": _("Witness set up"),
}
