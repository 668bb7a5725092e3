"""Action items: the secretariat creates them from a resolution, edits, cancels and reopens
them; the owner organisation's people report progress and mark them done; overdue items'
owners are reminded once a day. Every write: keyword-only, one transaction, permission checked
inside, audited."""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortium.governance.access import actions as access
from consortium.governance.models import ActionItem, ActionNote, ActionStatus, Resolution, Seat
from core.audit import record_event
from members.models import Membership, Organization, OrganizationStatus, Role, User

logger = logging.getLogger(__name__)

ITEM_FIELDS = ("title", "description", "owner", "responsible", "due_on")


def _check(*, resolution: Resolution, title: str, owner: Organization, responsible: User | None, due_on: date) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the action item a title.")]
    if owner is None or owner.status != OrganizationStatus.ACTIVE:
        errors["owner"] = [_("Choose an active member organisation.")]
    elif responsible is not None and not Membership.objects.active().filter(user=responsible,
                                                                            organization=owner).exists():
        errors["responsible"] = [_("The responsible person must belong to the owner organisation.")]
    if due_on is None:
        errors["due_on"] = [_("Give the due date.")]
    elif due_on < resolution.adopted_on:
        errors["due_on"] = [_("The due date cannot be before the resolution was adopted (%(date)s).")
                            % {"date": resolution.adopted_on.isoformat()}]
    if errors:
        raise ValidationError(errors)


def _person(actor):
    """The person behind a write (an API key is none)."""
    return None if getattr(actor, "is_api_key", False) else actor


def _locked(item: ActionItem) -> ActionItem:
    return ActionItem.objects.select_for_update().select_related("resolution").get(pk=item.pk)


@transaction.atomic
def action_create(*, resolution: Resolution, title: str, owner: Organization, due_on: date, actor: User,
                  description: str = "", responsible: User | None = None) -> ActionItem:
    if not access.can_manage_actions(actor):
        raise PermissionDenied
    _check(resolution=resolution, title=title, owner=owner, responsible=responsible, due_on=due_on)
    item = ActionItem.objects.create(resolution=resolution, title=title.strip(), description=description.strip(),
                                     owner=owner, responsible=responsible, due_on=due_on, created_by=actor)
    record_event("action.created", instance=item, actor=actor,
                 details={"resolution": resolution.number, "owner": owner.name, "due": due_on.isoformat()})
    return item


@transaction.atomic
def action_update(*, item: ActionItem, actor: User, title: str, owner: Organization, due_on: date,
                  description: str = "", responsible: User | None = None) -> ActionItem:
    item = _locked(item)
    if not access.can_manage_actions(actor):
        raise PermissionDenied
    if not item.is_pending:
        raise ValidationError(_("A done or cancelled action item can no longer be changed; reopen it first."))
    _check(resolution=item.resolution, title=title, owner=owner, responsible=responsible, due_on=due_on)
    item.title, item.description, item.owner, item.responsible, item.due_on = (
        title.strip(), description.strip(), owner, responsible, due_on)
    if not item.is_overdue:
        item.last_reminded_on = None  # a new due date: remind again when it passes
    item.save()
    return item


@transaction.atomic
def action_note_add(*, item: ActionItem, actor: User, text: str, percent: int | None = None) -> ActionNote:
    """A progress note; the first moves the item from open to in progress."""
    item = _locked(item)
    if not access.can_report_on(actor, item):
        if item.is_pending or not (access.is_owner(actor, item) or access.can_manage_actions(actor)):
            raise PermissionDenied
        raise ValidationError(_("This action item is closed; no more notes can be added."))
    errors = {}
    if not (text or "").strip():
        errors["text"] = [_("Write what has been done.")]
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = [_("Give a percentage from 0 to 100.")]
    elif percent == 100:
        errors["percent"] = [_("At 100%, mark the item done instead.")]
    if errors:
        raise ValidationError(errors)
    note = ActionNote.objects.create(item=item, author=_person(actor), text=text.strip(), percent=percent)
    item.status = ActionStatus.IN_PROGRESS
    if percent is not None:
        item.progress = percent
    item.save(update_fields=["status", "progress"])
    return note


@transaction.atomic
def action_complete(*, item: ActionItem, actor: User, text: str = "") -> ActionItem:
    item = _locked(item)
    if not (access.is_owner(actor, item) or access.can_manage_actions(actor)):
        raise PermissionDenied
    if not item.is_pending:
        raise ValidationError(_("This action item is already done or cancelled."))
    if (text or "").strip():
        ActionNote.objects.create(item=item, author=_person(actor), text=text.strip(), percent=100)
    item.status, item.progress, item.completed_at = ActionStatus.DONE, 100, timezone.now()
    item.save(update_fields=["status", "progress", "completed_at"])
    record_event("action.done", instance=item, actor=actor,
                 details={"late": item.due_on < timezone.localdate(item.completed_at)})
    return item


@transaction.atomic
def action_cancel(*, item: ActionItem, actor: User, reason: str) -> ActionItem:
    item = _locked(item)
    if not access.can_manage_actions(actor):
        raise PermissionDenied
    if not item.is_pending:
        raise ValidationError(_("This action item is already done or cancelled."))
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the action item is cancelled.")]})
    item.status, item.cancel_reason = ActionStatus.CANCELLED, reason.strip()
    item.save(update_fields=["status", "cancel_reason"])
    record_event("action.cancelled", instance=item, actor=actor, details={"reason": item.cancel_reason})
    return item


@transaction.atomic
def action_reopen(*, item: ActionItem, actor: User) -> ActionItem:
    item = _locked(item)
    if not access.can_manage_actions(actor):
        raise PermissionDenied
    if item.is_pending:
        raise ValidationError(_("This action item is still open."))
    item.status = ActionStatus.IN_PROGRESS if item.notes.exists() else ActionStatus.OPEN
    item.completed_at, item.cancel_reason, item.last_reminded_on = None, "", None
    item.progress = min(item.progress, 99)
    item.save(update_fields=["status", "completed_at", "cancel_reason", "last_reminded_on", "progress"])
    record_event("action.reopened", instance=item, actor=actor)
    return item


# --- reminders -------------------------------------------------------------------------------


def owners_of(organization_id: int) -> list[User]:
    """Who answers for an organisation's action items: its administrators and the holders of its
    current seats who still belong to it."""
    members = Membership.objects.active().filter(organization_id=organization_id)
    admins = members.filter(role=Role.ORG_ADMIN).values("user_id")
    seats = Seat.objects.current().filter(organization_id=organization_id)
    holders = seats.values("principal_id").union(seats.filter(alternate__isnull=False).values("alternate_id"))
    return list(User.objects.filter(Q(pk__in=admins) | (Q(pk__in=holders) & Q(pk__in=members.values("user_id"))),
                                    is_active=True).order_by("pk"))


def _recipients(item: ActionItem) -> list[User]:
    people = owners_of(item.owner_id)
    if item.responsible is not None and item.responsible.is_active and item.responsible not in people:
        people.append(item.responsible)
    return people


def _portal_notify(users: list[User], *, text: str, link: str) -> bool:
    """A portal notification through the meetings part's ``notify(people, text, link)`` when it
    exists — which also e-mails each person, at once or in their daily digest as they chose.
    Returns whether it was there; without it the reminder goes by e-mail alone."""
    from consortium.governance.services import meetings

    notify = getattr(meetings, "notify", None)
    if notify is None:
        return False
    notify(users, text, link=link)
    return True


def _remind(item: ActionItem, today: date) -> None:
    people = _recipients(item)
    link = reverse("governance:action", args=[item.pk])
    with translation.override(settings.LANGUAGE_CODE):
        context = {"item": item, "url": settings.PORTAL_BASE_URL + link, "consortium_name": settings.CONSORTIUM_NAME}
        subject = render_to_string("governance/actions/email/reminder_subject.txt", context).strip()
        body = render_to_string("governance/actions/email/reminder.txt", context)
    if not _portal_notify(people, text=subject, link=link):
        addresses = list(dict.fromkeys(person.email for person in people if person.email))
        if addresses:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    record_event("action.reminded", instance=item,
                 details={"reminded": len(people), "overdue_days": (today - item.due_on).days})


def action_remind(*, item_id: int, today: date | None = None) -> bool:
    """Remind the owners of one overdue item, at most once a day: the day is claimed with a
    conditional update first (two workers never both send), and given back if sending fails."""
    today = today or timezone.localdate()
    due = ActionItem.objects.overdue(today).filter(pk=item_id)
    previous = due.values_list("last_reminded_on", flat=True).first()
    claimed = due.filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today)).update(
        last_reminded_on=today)
    if claimed != 1:
        return False
    try:
        with transaction.atomic():
            _remind(ActionItem.objects.select_related("owner", "responsible", "resolution").get(pk=item_id), today)
    except Exception:
        ActionItem.objects.filter(pk=item_id, last_reminded_on=today).update(last_reminded_on=previous)
        raise
    return True


def reminders_send(*, today: date | None = None) -> int:
    """The daily job: remind the owners of every overdue item not yet reminded today."""
    today = today or timezone.localdate()
    pending = ActionItem.objects.overdue(today).filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
    sent = 0
    for item_id in list(pending.values_list("pk", flat=True)):
        try:
            sent += action_remind(item_id=item_id, today=today)
        except Exception:  # one item's failure must not stop the others; it is retried tomorrow or on retry
            logger.exception("reminder for action item %s failed", item_id)
    return sent
