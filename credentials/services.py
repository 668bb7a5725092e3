"""Writes of the credentials area: every one checks who acts, in a transaction, audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.audit import record_event
from credentials.models import Credential, _share_token


# --- the holder's share link ---------------------------------------------------------------


@transaction.atomic
def regenerate_share_token(*, credential: Credential, actor) -> Credential:
    """Replace the credential's share link by a new one: the old link stops working at once.
    Only the holder does this."""
    if actor is None or credential.holder_id != actor.pk:
        raise PermissionDenied
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    credential.share_token = _share_token()
    credential.save(update_fields=["share_token"])
    record_event("credential.share_link_renewed", instance=credential, actor=actor)
    return credential
