"""What is cached goes stale: public pages once an organisation or a reference list they
show changes; a person's access profile once their memberships or account change, and
everyone's once an organisation's status or kind does."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.caching import bump
from members.access import PROFILES, person_version_name
from members.selectors import DIRECTORY


def _bump_now_and_after_commit(name: str) -> None:
    bump(name)
    transaction.on_commit(lambda: bump(name))


def _person_changed(sender, instance, **kwargs):
    user_id = instance.pk if sender._meta.label_lower == "members.user" else instance.user_id
    _bump_now_and_after_commit(person_version_name(user_id))


def _organizations_changed(sender, **kwargs):
    _bump_now_and_after_commit(PROFILES)


def _directory_changed(sender, **kwargs):
    # Now, for reads later in this transaction, and again after commit, so that a page
    # another request rendered meanwhile from the old data is not kept as the new one.
    _bump_now_and_after_commit(DIRECTORY)


def connect() -> None:
    from members.models import Membership, Organization, User
    from reference.models import Industry, Region
    from reference.signals import reference_imported

    reference_imported.connect(_directory_changed, dispatch_uid="directory:reference_imported")
    for model in (Organization, Industry, Region):
        post_save.connect(_directory_changed, sender=model, dispatch_uid=f"directory:{model.__name__}:save")
        post_delete.connect(_directory_changed, sender=model, dispatch_uid=f"directory:{model.__name__}:delete")
    for model in (Membership, User):
        post_save.connect(_person_changed, sender=model, dispatch_uid=f"access:{model.__name__}:save")
        post_delete.connect(_person_changed, sender=model, dispatch_uid=f"access:{model.__name__}:delete")
    post_save.connect(_organizations_changed, sender=Organization, dispatch_uid="access:Organization:save")
    post_delete.connect(_organizations_changed, sender=Organization, dispatch_uid="access:Organization:delete")
