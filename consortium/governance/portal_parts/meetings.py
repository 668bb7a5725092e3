"""What the meetings part adds to the portal (see core.portal): hub sections ("My meetings" with the
answers awaited, notifications with the unread count, meetings for the secretariat), API routes, the
daily digest job, audit events."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, PeriodicTask, Section


def _sections(user) -> list:
    from django.utils import timezone

    from consortium.governance import access as base
    from consortium.governance.access import meetings as access
    from consortium.governance.models import MeetingSeat, MeetingStatus, Notification, Rsvp

    sections = []
    if access.can_use_meetings(user):
        seats = base.seat_ids(user)
        links = [(_("Meetings"), "governance:meetings")]
        if access.can_schedule_any(user):
            links.append((_("Schedule a meeting"), "governance:meeting_create"))
        if seats:
            upcoming = MeetingSeat.objects.filter(seat_id__in=seats, meeting__status=MeetingStatus.SCHEDULED,
                                                  meeting__ends_at__gte=timezone.now())
            counts = upcoming.values("meeting").distinct().count(), upcoming.filter(rsvp=Rsvp.PENDING).count()
            text = _("%(meetings)s upcoming meetings for your seats; %(pending)s answers awaited.") % {
                "meetings": counts[0], "pending": counts[1]}
            sections.append(Section(_("My meetings"), text, links + [(_("My calendar (iCal)"), "governance:my_meetings_ics")],
                                    badge=counts[1] or None))
        else:
            sections.append(Section(_("Meetings"), _("The meetings of the council and of the bodies you take part in: "
                                                     "agenda, documents, attendance and quorum."), links))
    if access.can_use_meetings(user) or base.seat_ids(user):
        unread = Notification.objects.filter(person=user, read_at__isnull=True).count()
        sections.append(Section(_("Notifications"), _("Invitations and news from the council, also by e-mail."),
                                [(_("My notifications"), "governance:notifications"),
                                 (_("E-mail setting"), "governance:notification_settings")], badge=unread or None))
    return sections


def _api_routes():
    from consortium.governance.api import meetings as api

    return [ApiRoute("governance/meetings", api.MeetingViewSet, "governance-meeting"),
            ApiRoute("governance/meeting-seats", api.MeetingSeatViewSet, "governance-meeting-seat")]


HOME_PANELS = [HomePanel(_sections, order=20)]
API_ROUTES = _api_routes()
PERIODIC_TASKS = [PeriodicTask("governance-notifications-digest",
                               "consortium.governance.tasks.meetings.notifications_digest_task", timedelta(days=1))]
AUDIT_EVENTS = {
    "meeting.scheduled": _("Meeting scheduled"),
    "meeting.rescheduled": _("Meeting moved"),
    "meeting.invitations_changed": _("Invited seats changed"),
    "meeting.cancelled": _("Meeting cancelled"),
    "meeting.held": _("Meeting marked held"),
    "meeting.attendance_recorded": _("Attendance recorded"),
    "meeting.document_added": _("Meeting document added"),
    "meeting.document_removed": _("Meeting document removed"),
}
TRANSPARENCY_KINDS = {}
