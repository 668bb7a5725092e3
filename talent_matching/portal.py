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

# --- placement ---
from django.utils.translation import gettext_lazy as _  # noqa: E402

from core.portal import ApiRoute, HomePanel, MenuEntry, Section  # noqa: E402


def _placement_visible(user) -> bool:
    from talent_matching import access

    return access.can_manage_placement(user) or (
        access.can_use_talent_platform(user)
        and bool(access.school_ids(user) or access.student_school_ids(user) or access.enterprise_ids(user))
    )


def _placement_panel(user) -> list:
    """Open rounds the person takes part in (students rank; enterprises review who ranked them)."""
    from talent_matching import access
    from talent_matching.models import RoundStatus

    if access.can_manage_placement(user):
        return [Section(
            _("Placement rounds"),
            _("Internships, order classes and 2+1 placements: collect both sides' preferences, run a stable matching "
              "and confirm the placements."),
            [(_("Placement rounds"), "talent:placement_rounds")],
        )]
    if not _placement_visible(user):
        return []
    open_rounds = list(access.rounds_for(user).filter(status=RoundStatus.COLLECTING).order_by("-created_at")[:3])
    if not open_rounds:
        return []
    return [Section(
        _("Placement rounds"),
        _("Rounds taking preferences now: rank the postings you want, or review who ranked your postings."),
        [(r.name, "talent:placement_round", [r.pk]) for r in open_rounds],
        badge=len(open_rounds),
    )]


def _placement_digest(obj_ref):
    from talent_matching.services.placement import digest_of_ref

    return digest_of_ref(obj_ref)


def _placement_api():
    from talent_matching.api import placement

    return placement


MENU.append(MenuEntry(_("Placement rounds"), "talent:placement_rounds", _placement_visible, "talent/placement",
                      order=56))
HOME_PANELS.append(HomePanel(_placement_panel, order=36))
API_ROUTES += [
    ApiRoute("placement-rounds", _placement_api().PlacementRoundViewSet, "placement-round"),
    ApiRoute("placements", _placement_api().PlacementViewSet, "placement"),
]
API_SCOPES["talent"] = _("Talent platform")
AUDIT_EVENTS.update({
    "placement_round.created": _("Placement round created"),
    "placement_round.opened": _("Placement round opened for preferences"),
    "placement_round.run": _("Placement round run"),
    "placement_round.confirmed": _("Placements confirmed"),
    "placement.student_refused": _("Student refused for a posting in a placement round"),
    "placement.refusal_withdrawn": _("Refusal withdrawn in a placement round"),
})
TRANSPARENCY_KINDS["placement.confirmed"] = _placement_digest
# --- end placement ---
