"""理事会事务: the home page's governance panel — per person, what waits for them: meetings coming
of the seats they hold, votes due, their organisations' action items, projects they take part
in, their organisations' responsibility credits. One query per line; a line with nothing in it
is left out."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from consortium.governance import access
from core.portal import Section


@dataclass
class Line:
    text: str
    link: tuple  # (label, URL name[, args])
    badge: int = 0


def _meetings(user) -> Line | None:
    from consortium.governance.models import MeetingSeat, MeetingStatus, Rsvp

    seats = access.seat_ids(user)
    if not seats:
        return None
    coming = MeetingSeat.objects.filter(seat_id__in=seats, meeting__status=MeetingStatus.SCHEDULED,
                                        meeting__starts_at__gte=timezone.now())
    counts = coming.aggregate(total=_count("pk"), unanswered=_count("pk", filter=Q(rsvp=Rsvp.PENDING)))
    if not counts["total"]:
        return None
    text = ngettext("%(count)d meeting coming", "%(count)d meetings coming", counts["total"]) % {
        "count": counts["total"]}
    if counts["unanswered"]:
        text += _(" (%(count)d to answer)") % {"count": counts["unanswered"]}
    return Line(text, (_("My meetings"), "governance:meetings"), counts["unanswered"])


def _votes(user) -> Line | None:
    from consortium.governance.services.votes import votes_due

    due = len(votes_due(user))
    if not due:
        return None
    return Line(ngettext("%(count)d vote due", "%(count)d votes due", due) % {"count": due},
                (_("Votes due"), "governance:motions"), due)


def _actions(user) -> Line | None:
    from consortium.governance.access.actions import owner_organization_ids
    from consortium.governance.models import ActionItem

    owners = owner_organization_ids(user)
    if not owners:
        return None
    items = ActionItem.objects.filter(owner_id__in=owners).pending()
    counts = items.aggregate(total=_count("pk"), overdue=_count("pk", filter=Q(due_on__lt=timezone.localdate())))
    if not counts["total"]:
        return None
    text = ngettext("%(count)d action item open", "%(count)d action items open", counts["total"]) % {
        "count": counts["total"]}
    if counts["overdue"]:
        text += _(" (%(count)d overdue)") % {"count": counts["overdue"]}
    return Line(text, (_("My action items"), "governance:actions_mine"), counts["overdue"])


def _projects(user) -> Line | None:
    from consortium.governance.access.projects import participating_project_ids

    taking_part = len(participating_project_ids(user))
    if not taking_part:
        return None
    return Line(ngettext("%(count)d project I take part in", "%(count)d projects I take part in", taking_part)
                % {"count": taking_part}, (_("Projects I take part in"), "governance:projects_mine"))


def _credits(user) -> Line | None:
    from consortium.governance.access.credits import account_organization_ids
    from consortium.governance.models import CreditAccount

    orgs = account_organization_ids(user)
    if not orgs:
        return None
    accounts = list(CreditAccount.objects.filter(organization_id__in=orgs).values_list("organization_id", "balance"))
    if not accounts:
        return None
    balance = sum(b for _org, b in accounts)
    return Line(_("responsibility credits: %(balance)s") % {"balance": balance},
                (_("Responsibility credits"), "governance:credit_account", [accounts[0][0]]))


def _count(field, **kwargs):
    return Count(field, **kwargs)


# The lines, in order; each part of the app that has something waiting for a person adds its function here.
LINES = [_meetings, _votes, _actions, _projects, _credits]


def build(user) -> list[Section]:
    if not access.can_use_governance(user):
        return []
    lines = [line for build_line in LINES if (line := build_line(user))]
    if not lines:
        return []
    return [Section(_("Council business"), "；".join(line.text for line in lines),
                    [line.link for line in lines], sum(line.badge for line in lines) or None)]
