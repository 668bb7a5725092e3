"""What the pathways part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import pathways as access

    if not access.can_use_pathways(user):
        return []
    links = [(_("Pathways"), "training:pathways"), (_("Pathway students"), "training:pathway_enrolments")]
    if access.can_manage_incoming(user):
        links.append((_("Incoming students"), "training:pathway_incoming"))
    if access.can_create_pathway(user):
        links.append((_("New pathway"), "training:pathway_create"))
    return [Section(_("Through-training pathways"),
                    _("Pathways from secondary to higher vocational and bachelor studies (中高本贯通): their stages, "
                      "courses and transfer assessments, the students enrolled and their results."), links)]


def _waiting(user) -> list:
    """Pathways waiting for this person's confirmation, and students who passed and are coming."""
    from django.db.models import Exists, OuterRef

    from training.access import pathways as access
    from training.models import PathwayStage, PathwayStatus, StageResult

    if not access.can_use_pathways(user) or not access.can_manage_incoming(user):
        return []
    to_confirm = PathwayStage.objects.filter(
        pathway__status=PathwayStatus.PENDING, confirmed_at__isnull=True,
        school_id__in=access.admin_school_ids(user)).values("pathway").distinct().count()
    passed = StageResult.objects.filter(enrolment=OuterRef("pk"), stage=OuterRef("stage"), passed=True)
    incoming = access.incoming_for(user).filter(Exists(passed)).count()
    return [(_("Pathways to confirm"), "training:pathways", to_confirm),
            (_("Students coming through pathways"), "training:pathway_incoming", incoming)]


def _api():
    from training.api.pathways import PathwayEnrolmentViewSet, PathwayViewSet

    return PathwayViewSet, PathwayEnrolmentViewSet


HOME_PANELS = [HomePanel(_panel, order=90)]
DASHBOARD = [_waiting]
API_ROUTES = [ApiRoute("training/pathways", _api()[0], "training-pathway"),
              ApiRoute("training/pathway-enrolments", _api()[1], "training-pathway-enrolment")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "pathway.created": _("Pathway created"),
    "pathway.stage_changed": _("Pathway stage changed"),
    "pathway.confirmed": _("Pathway stage confirmed"),
    "pathway.activated": _("Pathway active"),
    "pathway.enrolled": _("Student enrolled in a pathway"),
    "pathway.result_recorded": _("Transfer assessment recorded"),
    "pathway.transferred": _("Student moved to the next stage"),
}
TRANSPARENCY_KINDS = {}
