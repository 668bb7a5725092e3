"""What the votes part adds to the portal (see core.portal): hub sections ("Votes due" with a
badge, the resolution register), API routes, the job closing written votes, audit events and the
transparency kind of adopted resolutions."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, PeriodicTask, Section


def _votes_sections(user) -> list:
    from consortium.governance import access as base
    from consortium.governance.access import votes as access
    from consortium.governance.services.votes import votes_due

    if not base.can_use_governance(user):
        return []
    sections = []
    if base.seat_ids(user) or access.can_propose_any(user):
        due = len(votes_due(user)) if base.seat_ids(user) else 0
        text = (_("Motions waiting for your seat's vote, and every motion you follow.") if due
                else _("No vote is waiting for you. Motions you follow are listed here."))
        links = [(_("Motions and votes"), "governance:motions")]
        if access.can_propose_any(user):
            links.append((_("Propose a motion"), "governance:motion_create"))
        sections.append(Section(_("Votes due"), text, links, badge=due or None))
    sections.append(Section(
        _("Resolution register"),
        _("Every resolution adopted by the council and its bodies, numbered, with its vote record; export to CSV or PDF."),
        [(_("Resolution register"), "governance:resolutions")]))
    return sections


def _digest(obj_ref):
    from consortium.governance.services.votes import digest_of_ref

    return digest_of_ref(obj_ref)


def _api_routes():
    from consortium.governance.api import votes as api

    return [
        ApiRoute("governance/motions", api.MotionViewSet, "governance-motion"),
        ApiRoute("governance/votes", api.VoteViewSet, "governance-vote"),
        ApiRoute("governance/resolutions", api.ResolutionViewSet, "governance-resolution"),
    ]


HOME_PANELS = [HomePanel(_votes_sections, order=32)]
API_ROUTES = _api_routes()
PERIODIC_TASKS = [
    PeriodicTask("governance-close-written-votes", "consortium.governance.tasks.votes.close_due_motions_task",
                 timedelta(minutes=5)),
]
AUDIT_EVENTS = {
    "motion.proposed": _("Motion proposed"),
    "motion.opened": _("Voting opened on a motion"),
    "motion.withdrawn": _("Motion withdrawn"),
    "motion.conflict_declared": _("Conflict of interest declared on a motion"),
    "motion.decided": _("Motion decided"),
    "vote.cast": _("Vote cast"),
    "resolution.adopted": _("Resolution adopted"),
    "resolution.disclosed": _("Resolution made public"),
    "resolution.withdrawn_from_public": _("Resolution taken off the public pages"),
}
TRANSPARENCY_KINDS = {"resolution.adopted": _digest}
