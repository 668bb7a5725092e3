"""Cached public pages are stale once an organisation or a reference list they show changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.caching import bump
from members.selectors import DIRECTORY


def _directory_changed(sender, **kwargs):
    # Now, for reads later in this transaction, and again after commit, so that a page
    # another request rendered meanwhile from the old data is not kept as the new one.
    bump(DIRECTORY)
    transaction.on_commit(lambda: bump(DIRECTORY))


def connect() -> None:
    from members.models import Organization
    from reference.models import Industry, Region
    from reference.signals import reference_imported

    reference_imported.connect(_directory_changed, dispatch_uid="directory:reference_imported")
    for model in (Organization, Industry, Region):
        post_save.connect(_directory_changed, sender=model, dispatch_uid=f"directory:{model.__name__}:save")
        post_delete.connect(_directory_changed, sender=model, dispatch_uid=f"directory:{model.__name__}:delete")
