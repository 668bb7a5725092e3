"""Reads of the consortium's announcements, for the public pages and the secretariat's."""

from django.db.models import Count, Q, QuerySet

from consortium import access
from consortium.models import Announcement

# The cache version of everything the public pages show of announcements (see core.caching);
# consortium.signals bumps it on every change to an announcement or its files.
ANNOUNCEMENTS = "consortium:announcements"
HOME_COUNT = 5


def _search(announcements: QuerySet, q: str) -> QuerySet:
    q = q.strip()
    if q:
        announcements = announcements.filter(Q(title__icontains=q) | Q(body__icontains=q))
    return announcements


def public_announcements(*, q: str = "") -> QuerySet:
    """Published announcements, searched in title and text, pinned first and then the
    newest, each with its number of attachments."""
    announcements = Announcement.objects.published().annotate(attachment_count=Count("attachments"))
    return _search(announcements, q).in_public_order()


def latest_announcements(count: int = HOME_COUNT) -> list[Announcement]:
    """What the home page lists: the pinned and then the newest published announcements."""
    return list(Announcement.objects.published().in_public_order().only("id", "title", "pinned", "published_at")[:count])


def managed_announcements(viewer, *, q: str = "", status: str = "") -> QuerySet:
    """Every announcement the secretariat keeps, drafts and published, the latest changed first."""
    announcements = access.announcements_for(viewer).select_related("created_by").annotate(
        attachment_count=Count("attachments")
    )
    if status:
        announcements = announcements.filter(status=status)
    return _search(announcements, q).order_by("-updated_at", "-id")
