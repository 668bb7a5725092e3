"""The training app's api, one module per part."""

from rest_framework import serializers

from members.models import Organization


def owner_from(data: dict, owners, message: str) -> Organization:
    """The organisation a new record is for: ``owner_id`` from the request, or the one organisation
    the person may choose; ``message`` names what to give when neither. (The service checks the
    person may write for it.)"""
    owner_id = data.pop("owner_id", None)
    if owner_id is None and owners.count() == 1:
        return owners.get()
    owner = Organization.objects.filter(pk=owner_id).first() if owner_id else None
    if owner is None:
        raise serializers.ValidationError({"owner": [message]})
    return owner
