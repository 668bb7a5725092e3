"""Who may see and do what with the consortium's own records, built on ``members.access``.

Announcements: published ones are public; drafts are the secretariat's, who alone write,
publish and withdraw them. An announcement outside what the viewer may see answers 404."""

from django.db.models import QuerySet

from consortium.models import Announcement, AnnouncementAttachment, AnnouncementStatus
from members.access import is_secretariat


def can_manage_announcements(user) -> bool:
    """The secretariat writes, publishes, withdraws and deletes announcements (an API key,
    which acts for one organisation, never does)."""
    return is_secretariat(user)


def announcements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Published announcements for everyone; drafts too for the secretariat."""
    qs = Announcement.objects.all() if queryset is None else queryset
    return qs if can_manage_announcements(user) else qs.published()


def attachments_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The files of the announcements the viewer may see."""
    qs = AnnouncementAttachment.objects.all() if queryset is None else queryset
    return qs if can_manage_announcements(user) else qs.filter(announcement__status=AnnouncementStatus.PUBLISHED)
