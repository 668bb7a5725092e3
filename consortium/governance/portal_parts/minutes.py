"""What the minutes part adds to the portal (see core.portal): hub sections, API routes,
scheduled jobs, audit events, transparency kinds."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.portal import ApiRoute, HomePanel, Section


def _sections(user):
    from consortium.governance import access
    from consortium.governance.access import minutes as rules
    from consortium.governance.models import MinutesStatus, MinutesVersion

    if not access.can_use_governance(user):
        return []
    if rules.can_manage_minutes(user):
        waiting = MinutesVersion.objects.filter(status__in=(MinutesStatus.DRAFT, MinutesStatus.VOTING)).count()
        text = _("Draft the minutes of held meetings, put drafts to the body's vote, correct approved minutes "
                 "by a new version and disclose them.")
    else:
        seats = access.seat_ids(user)
        if not seats:
            return [Section(_("Minutes"), _("The approved minutes of the meetings you may read."),
                            [(_("Minutes"), "governance:minutes_list")])]
        waiting = MinutesVersion.objects.filter(
            status__in=(MinutesStatus.DRAFT, MinutesStatus.VOTING),
            minutes__meeting__body__seats__in=seats).distinct().count()
        text = _("Drafts of your bodies' minutes wait for your comments, and for your seat's vote when the "
                 "secretariat puts them to the vote.")
    return [Section(_("Minutes to comment or approve"), text, [(_("Minutes"), "governance:minutes_list")],
                    badge=waiting or None)]


HOME_PANELS = [HomePanel(build=_sections, order=40)]


def _api_routes():
    from consortium.governance.api.minutes import MinutesVersionViewSet

    return [ApiRoute("governance/minutes-versions", MinutesVersionViewSet, "governance-minutes-version")]


API_ROUTES = _api_routes()
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "minutes.drafted": gettext_lazy("Minutes drafted"),
    "minutes.put_to_vote": gettext_lazy("Minutes put to the vote"),
    "minutes.approved": gettext_lazy("Minutes approved"),
    "minutes.not_approved": gettext_lazy("Minutes not approved"),
    "minutes.correction_started": gettext_lazy("Correction of minutes started"),
    "minutes.disclosed": gettext_lazy("Minutes made public"),
    "minutes.withdrawn": gettext_lazy("Minutes no longer public"),
}
TRANSPARENCY_KINDS = {}
