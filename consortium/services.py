"""Every change to the consortium's announcements (通知公告) and their attachments.

Each function is one transaction, checks inside that the actor is the secretariat, and
raises ``ValidationError`` with a message for the person who caused a refusal. Saves are
audited by the model signals; publishing and withdrawing are recorded by name beside them.
Files are removed from storage only once the transaction that let go of them commits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consortium import access, attachments
from consortium.models import Announcement, AnnouncementAttachment, AnnouncementStatus
from core.audit import record_event


def _require_secretariat(actor) -> None:
    if not access.can_manage_announcements(actor):
        raise PermissionDenied


def _locked(announcement: Announcement) -> Announcement:
    return Announcement.objects.select_for_update().get(pk=announcement.pk)


def _delete_files_after_commit(stored: list) -> None:
    """Remove files once the rows that named them are gone for good."""

    def delete():
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def announcement_create(*, actor, title: str, body: str, pinned: bool = False) -> Announcement:
    """A new announcement, as a draft nobody but the secretariat sees."""
    _require_secretariat(actor)
    announcement = Announcement(title=title.strip(), body=body, pinned=pinned, created_by=actor)
    announcement.full_clean()
    announcement.save()
    return announcement


@transaction.atomic
def announcement_update(*, announcement: Announcement, actor, title: str, body: str, pinned: bool) -> Announcement:
    """Change an announcement's words or whether it is pinned, drafts and published ones
    alike (a published one shows the change at once); unchanged, nothing is written."""
    _require_secretariat(actor)
    announcement = _locked(announcement)
    fields = {"title": title.strip(), "body": body, "pinned": pinned}
    changed = [name for name, value in fields.items() if getattr(announcement, name) != value]
    if not changed:
        return announcement
    for name in changed:
        setattr(announcement, name, fields[name])
    announcement.full_clean()
    announcement.save()
    return announcement


@transaction.atomic
def announcement_publish(*, announcement: Announcement, actor) -> Announcement:
    """Make the announcement public, dated now; safe to call twice (the second does nothing)."""
    _require_secretariat(actor)
    announcement = _locked(announcement)
    if announcement.is_published:
        return announcement
    announcement.status = AnnouncementStatus.PUBLISHED
    announcement.published_at = timezone.now()
    announcement.save(update_fields=["status", "published_at", "updated_at"])
    record_event("announcement.published", instance=announcement, actor=actor,
                 details={"title": announcement.title})
    return announcement


@transaction.atomic
def announcement_withdraw(*, announcement: Announcement, actor) -> Announcement:
    """Take a published announcement off the public pages, back to a draft that keeps the
    date it was last published; safe to call twice."""
    _require_secretariat(actor)
    announcement = _locked(announcement)
    if not announcement.is_published:
        return announcement
    announcement.status = AnnouncementStatus.DRAFT
    announcement.save(update_fields=["status", "updated_at"])
    record_event("announcement.withdrawn", instance=announcement, actor=actor,
                 details={"title": announcement.title})
    return announcement


@transaction.atomic
def announcement_delete(*, announcement: Announcement, actor) -> None:
    """Delete an announcement that is not public, with its files. A published one must be
    withdrawn first."""
    _require_secretariat(actor)
    announcement = _locked(announcement)
    if announcement.is_published:
        raise ValidationError(_("A published announcement cannot be deleted; withdraw it first."))
    stored = [(attachment.file.storage, attachment.file.name) for attachment in announcement.attachments.all()]
    # The attachments go with it (each delete audited, as the cascade sends their signals).
    announcement.delete()
    _delete_files_after_commit(stored)


@transaction.atomic
def attachments_add(*, announcement: Announcement, actor, files: list) -> list[AnnouncementAttachment]:
    """Attach the files, all of them or none: every file is checked first (kind by its name
    and its first bytes, size, the number an announcement may have), and any refusal —
    each naming its file — saves nothing."""
    _require_secretariat(actor)
    announcement = _locked(announcement)
    errors, checked = [], []
    if not files:
        errors.append(_("Choose at least one file."))
    for upload in files:
        try:
            checked.append((upload, attachments.check(upload)))
        except ValidationError as error:
            errors.extend(error.messages)
    present = announcement.attachments.count()
    if present + len(files) > attachments.MAX_PER_ANNOUNCEMENT:
        errors.append(ngettext(
            "An announcement may have at most %(max)d attachments; it has %(present)d, so %(count)d more file is "
            "too many.",
            "An announcement may have at most %(max)d attachments; it has %(present)d, so %(count)d more files are "
            "too many.",
            len(files),
        ) % {"max": attachments.MAX_PER_ANNOUNCEMENT, "present": present, "count": len(files)})
    if errors:
        raise ValidationError({"files": errors})
    created, saved = [], []
    try:
        for upload, found in checked:
            attachment = AnnouncementAttachment(
                announcement=announcement, original_name=found.name, content_type=found.content_type, size=found.size
            )
            attachment.file.save(found.name, upload, save=False)
            saved.append((attachment.file.storage, attachment.file.name))
            attachment.save()
            created.append(attachment)
    except BaseException:
        for storage, name in saved:
            storage.delete(name)
        raise
    return created


@transaction.atomic
def attachment_remove(*, attachment: AnnouncementAttachment, actor) -> None:
    """Remove one file from its announcement."""
    _require_secretariat(actor)
    attachment = AnnouncementAttachment.objects.select_for_update().get(pk=attachment.pk)
    stored = [(attachment.file.storage, attachment.file.name)]
    attachment.delete()
    _delete_files_after_commit(stored)
