"""What the projects part adds to the portal (see core.portal): hub sections, API routes,
scheduled jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _projects_panel(user) -> list:
    from consortium.governance import access as base
    from consortium.governance.access import projects as access

    if not base.can_use_governance(user):
        return []
    sections = []
    mine = access.participating_project_ids(user)
    if mine:
        sections.append(Section(
            _("Projects I take part in"),
            _("The industry–education projects your organisation leads or partners: their budget execution, "
              "expenses and milestones."),
            [(_("Projects I take part in"), "governance:projects_mine")], badge=len(mine),
        ))
    links = [(_("Projects and funds"), "governance:projects")]
    if access.can_manage_projects(user):
        links.append((_("New project"), "governance:project_create"))
    sections.append(Section(
        _("Projects and funds"),
        _("Council-approved industry colleges, training bases, joint R&D and training programmes, with their "
          "budgets by source of funds and how much of each is spent."),
        links,
    ))
    return sections


def _api_routes():
    from consortium.governance.api import projects as api

    return [ApiRoute("governance/projects", api.ProjectViewSet, "governance-project"),
            ApiRoute("governance/expenses", api.ExpenseViewSet, "governance-expense")]


HOME_PANELS = [HomePanel(_projects_panel, order=70)]
API_ROUTES = _api_routes()
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "project.created": _("Project proposed"),
    "project.proposed": _("Project put to the council"),
    "project.approved": _("Project approved by a resolution"),
    "project.status_changed": _("Project status changed"),
    "project.expense_recorded": _("Project expense recorded"),
    "project.overspend_authorised": _("Expense beyond a budget line, authorised by a resolution"),
    "project.milestone_done": _("Project milestone reached"),
    "project.assessed": _("Project assessed"),
}
TRANSPARENCY_KINDS = {}
