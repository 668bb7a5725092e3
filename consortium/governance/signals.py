"""Connects the receivers each part keeps in its services module (motion_decided, core.events),
and keeps the cached governance pages fresh."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from consortium.governance.selectors.disclosure import DISCLOSURE
from consortium.governance.services import (  # noqa: F401  (imported for their receivers)
    actions, bodies, credits, disclosure, meetings, minutes, plans, projects, routing, votes,
)
from core.caching import bump


def _governance_data_changed(sender, **kwargs):
    """Pages kept in the cache under the governance data's version (the public pages, the register,
    a meeting's page) are stale after any governance row changes: now, and again after the commit
    (so a page rendered meanwhile from the old rows is not kept)."""
    if sender._meta.app_label == "governance":
        bump(DISCLOSURE)
        transaction.on_commit(lambda: bump(DISCLOSURE))


post_save.connect(_governance_data_changed, dispatch_uid="governance-data-changed-save")
post_delete.connect(_governance_data_changed, dispatch_uid="governance-data-changed-delete")
