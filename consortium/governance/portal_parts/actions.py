"""What the actions part adds to the portal (see core.portal): hub sections, API routes,
scheduled jobs, audit events, transparency kinds."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, PeriodicTask, Section


def _panel(user) -> list:
    from consortium.governance.access import actions as access
    from consortium.governance.models import ActionItem

    if not access.can_read_actions(user):
        return []
    sections = []
    owned = access.owner_organization_ids(user)
    if owned:
        overdue = ActionItem.objects.overdue().filter(owner_id__in=owned).count()
        sections.append(Section(
            _("My action items"),
            _("What the resolutions ask of your organisation: report progress and mark items done."),
            [(_("My action items"), "governance:actions_mine")], badge=overdue or None))
    if access.can_manage_actions(user):
        overdue = ActionItem.objects.overdue().count()
        sections.append(Section(
            _("Action items"),
            _("Follow up the resolutions: create action items from a resolution's page and watch the overdue ones."),
            [(_("Action items"), "governance:actions")], badge=overdue or None))
    elif not owned:
        sections.append(Section(_("Action items"), _("What follows from the resolutions, who does it and by when."),
                                [(_("Action items"), "governance:actions")]))
    return sections


def _api():
    from consortium.governance.api.actions import ActionItemViewSet

    return ActionItemViewSet


HOME_PANELS = [HomePanel(_panel, order=60)]
API_ROUTES = [ApiRoute("governance/action-items", _api(), "governance-action-item")]
PERIODIC_TASKS = [PeriodicTask("governance-action-reminders",
                               "consortium.governance.tasks.actions.action_reminders_task", timedelta(days=1))]
AUDIT_EVENTS = {
    "action.created": _("Action item created"),
    "action.done": _("Action item done"),
    "action.cancelled": _("Action item cancelled"),
    "action.reopened": _("Action item reopened"),
    "action.reminded": _("Owners reminded of an overdue action item"),
}
TRANSPARENCY_KINDS = {}
