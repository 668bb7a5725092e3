"""The talent platform's place in the portal (see ``core.portal``): its pages under /talent/,
its menu entry and home panels, API routes, scheduled jobs, decisions in the audit trail and the
kinds of transparency-log entry it writes. Each part declares here what it adds."""

URLS = "talent/"

MENU = []
HOME_PANELS = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
API_SCOPES = {}
TRANSPARENCY_KINDS = {}

# --- applications ---
from django.utils.translation import gettext_lazy as _  # noqa: E402

from core.portal import ApiRoute, HomePanel, MenuEntry, Section  # noqa: E402
from talent_matching import access as _access  # noqa: E402


def _applications_api():
    from talent_matching.api.applications import ApplicationViewSet

    return ApplicationViewSet


MENU += [
    MenuEntry(_("My applications"), "talent:my_applications", _access.can_apply, "talent/applications", order=45),
    MenuEntry(_("Applications to our postings"), "talent:received_applications",
              _access.can_view_received_applications, "talent/applications/received", order=46),
    MenuEntry(_("Our students' applications"), "talent:school_applications",
              _access.is_placement_officer, "talent/applications/school", order=47),
]


def _applications_panel(user) -> list:
    from talent_matching.models import ApplicationStage

    sections = []
    if _access.can_apply(user):
        waiting = _access.applications_for(user).filter(
            profile__student=user, stage__in=[ApplicationStage.INVITED, ApplicationStage.OFFER]).count()
        sections.append(Section(
            _("My applications"),
            _("Your applications to enterprises' postings and their invitations, with where each stands."),
            [(_("My applications"), "talent:my_applications")], badge=waiting or None,
        ))
    if _access.can_view_received_applications(user):
        new = _access.applications_for(user).filter(
            posting__organization_id__in=_access.enterprise_ids(user), stage=ApplicationStage.APPLIED).count()
        sections.append(Section(
            _("Applications to our postings"),
            _("Shortlist, interview and make offers to the students who applied; invite those you found."),
            [(_("Applications to our postings"), "talent:received_applications")], badge=new or None,
        ))
    if _access.is_placement_officer(user):
        sections.append(Section(
            _("Our students' applications"),
            _("Follow where your students' applications stand, with their messages."),
            [(_("Our students' applications"), "talent:school_applications")],
        ))
    return sections


HOME_PANELS += [HomePanel(_applications_panel, order=45)]
API_ROUTES += [ApiRoute("talent/applications", _applications_api(), "talent-application")]
API_SCOPES.update({"talent": _("Talent platform")})
AUDIT_EVENTS.update({
    "talent_application.applied": _("Student applied to a posting"),
    "talent_application.invited": _("Student invited to apply"),
    "talent_application.moved": _("Application moved to another stage"),
})
# --- end applications ---
