"""Reads of members data that depend on who is looking."""

from django.db.models import Q, QuerySet

from members import access
from members.models import Organization


# The cache version of everything the public directory shows (see core.caching).
DIRECTORY = "members:directory"


def organization_directory(viewer, *, q: str = "", kind: str = "", status: str = "") -> QuerySet:
    """The member directory as this viewer may see it, searched and filtered."""
    organizations = access.organizations_for(viewer, Organization.objects.select_related("industry", "region"))
    if q:
        organizations = organizations.filter(
            Q(name_zh__icontains=q) | Q(name_en__icontains=q) | Q(credit_code__iexact=q.strip())
        )
    if kind:
        organizations = organizations.filter(kind=kind)
    if status:
        organizations = organizations.filter(status=status)
    return organizations.order_by("-is_lead_member", "name_zh")
