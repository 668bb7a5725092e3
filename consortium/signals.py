"""Public pages that show announcements go stale when one, or one of its files, changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from consortium.selectors import ANNOUNCEMENTS
from core.caching import bump


def _announcements_changed(sender, **kwargs):
    # Now, for reads later in this transaction, and again after commit, so that a page
    # another request rendered meanwhile from the old data is not kept as the new one.
    bump(ANNOUNCEMENTS)
    transaction.on_commit(lambda: bump(ANNOUNCEMENTS))


def connect() -> None:
    from consortium.models import Announcement, AnnouncementAttachment

    for model in (Announcement, AnnouncementAttachment):
        post_save.connect(_announcements_changed, sender=model, dispatch_uid=f"announcements:{model.__name__}:save")
        post_delete.connect(_announcements_changed, sender=model,
                            dispatch_uid=f"announcements:{model.__name__}:delete")
