"""What the mentors part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import mentors as access

    if not access.can_read_mentors(user):
        return []
    links = [(_("Industry mentors"), "training:mentors")]
    if access.can_appoint(user):
        links.append((_("Appoint a mentor"), "training:mentor_create"))
    return [Section(_("Industry mentors"), _("Enterprise engineers appointed to teach at a school for a term, "
                                             "with their courses and hours."), links)]


def _awaiting(user) -> list:
    """Appointments awaiting this person's enterprise."""
    from training.access import mentors as access
    from training.models import MentorAppointment, MentorStatus

    enterprises = access.deciding_enterprise_ids(user)
    if not enterprises:
        return []
    count = MentorAppointment.objects.filter(enterprise_id__in=enterprises, status=MentorStatus.PROPOSED).count()
    return [(_("Mentor appointments to accept"), "training:mentors", count)]


def _api():
    from training.api.mentors import MentorAppointmentViewSet

    return MentorAppointmentViewSet


HOME_PANELS = [HomePanel(_panel, order=50)]
DASHBOARD = [_awaiting]
API_ROUTES = [ApiRoute("training/mentors", _api(), "training-mentor")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "mentor.appointed": _("Industry mentor appointed"),
    "mentor.accepted": _("Mentor appointment accepted"),
    "mentor.declined": _("Mentor appointment declined"),
    "mentor.completed": _("Mentor term completed"),
    "mentor.withdrawn": _("Mentor appointment withdrawn"),
}
TRANSPARENCY_KINDS = {}
