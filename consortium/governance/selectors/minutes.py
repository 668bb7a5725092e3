"""Reads of minutes other parts use: what the public disclosure pages show."""

from django.db.models import OuterRef, Subquery

from consortium.governance.models import MinutesStatus, MinutesVersion


def public_minutes():
    """The latest approved version of every minutes the secretariat made public (drafts, older
    versions and comments never), newest meeting first — for the disclosure pages."""
    latest = (MinutesVersion.objects.filter(minutes=OuterRef("minutes"), status=MinutesStatus.APPROVED)
              .order_by("-number").values("pk")[:1])
    return (MinutesVersion.objects.filter(minutes__is_public=True, status=MinutesStatus.APPROVED,
                                          pk=Subquery(latest))
            .select_related("minutes__meeting__body").order_by("-minutes__meeting__starts_at", "-pk"))
