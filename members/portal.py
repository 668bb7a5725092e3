"""Members' place in the portal: the directory, applications, people, the account
(see ``core.portal``)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, MenuEntry, PeriodicTask, Section
from members import access, api, selectors
from members.models import OrganizationStatus, Role


def _anyone(user) -> bool:
    return True


def _visitor(user) -> bool:
    return not user.is_authenticated


URLS = "members/"

MENU = [
    MenuEntry(_("Members"), "members:organization_list", _anyone, "members/organizations", order=20),
    MenuEntry(_("Applications"), "members:application_list", access.can_decide_applications, "members/applications",
              order=80),
    MenuEntry(_("Join"), "members:join", _visitor, "members/join", order=95),
]

API_ROUTES = [
    ApiRoute("organizations", api.OrganizationViewSet, "organization"),
    ApiRoute("users", api.UserViewSet, "user"),
    ApiRoute("memberships", api.MembershipViewSet, "membership"),
]

API_SCOPES = {"members": _("Organisations and people")}

AUDIT_EVENTS = {
    "application.approved": _("Membership application approved"),
    "application.rejected": _("Membership application rejected"),
    "application.returned": _("Membership application sent back for changes"),
    "role.granted": _("Role granted"),
    "role.ended": _("Role ended"),
    "standing.appointed": _("Appointed by the secretariat"),
    "standing.dismissed": _("Appointment ended by the secretariat"),
    "invitation.batch_sent": _("Invitations sent from a file"),
}

PERIODIC_TASKS = [
    PeriodicTask("remind-open-invitations", "members.tasks.invitation_reminders_task", timedelta(hours=1)),
]


def _standing(user) -> list[Section]:
    """Someone whose organisation is not (or no longer) an active member."""
    p = access.profile(user)
    if p.active_organization_ids or access.is_secretariat(user):
        return []
    application = selectors.latest_application_of(user)
    if application is not None:
        return [Section(
            _("Your membership application"),
            _("Reference number %(reference)s. Status: %(status)s.")
            % {"reference": application.reference, "status": application.get_status_display()},
            [(_("See the application"), "members:application_detail", [application.pk])],
        )]
    if p.organization_ids:
        return [Section(
            _("Your organisation is not an active member"),
            _("Its membership is suspended or has ended, so the members' areas are closed to you. "
              "The secretariat can tell you more."),
            [(_("About the consortium"), "about")],
        )]
    return []


def _secretariat(user) -> list[Section]:
    if not access.is_secretariat(user):
        return []
    return [Section(
        _("Secretariat"),
        _("Review membership applications, follow every change in the audit trail, and manage "
          "organisations and people in the admin console."),
        [
            (_("Membership applications"), "members:application_list"),
            (_("Audit trail"), "audit_list"),
            (_("Admin console"), "admin:index"),
        ],
        badge=selectors.pending_application_count() or None,
    )]


def _administer(user) -> list[Section]:
    return [
        Section(
            _("Administer %(organization)s") % {"organization": organization.name},
            _("Invite your colleagues with their roles, remove people who have left, and keep your "
              "organisation's details up to date."),
            [
                (_("People and invitations"), "members:people", [organization.pk]),
                (_("Organisation details"), "members:organization_detail", [organization.pk]),
            ],
        )
        for organization in selectors.administered_organizations(user)
    ]


def _belong(user) -> list[Section]:
    """Each active organisation the person belongs to without administering it (administrators
    have their panel above): their roles there, and where to read about it and the others."""
    if not user.is_authenticated:
        return []
    administered = access.profile(user).orgs_with_role(Role.ORG_ADMIN)
    roles_by_organization: dict = {}
    for membership in selectors.own_memberships(user):
        organization = membership.organization
        if organization.status == OrganizationStatus.ACTIVE and organization.pk not in administered:
            roles_by_organization.setdefault(organization, []).append(membership.get_role_display())
    return [
        Section(
            organization.name,
            _("Your roles here: %(roles)s. Its administrators keep its details and invite its people; the "
              "member directory shows the consortium's other members.") % {"roles": _(", ").join(map(str, roles))},
            [
                (_("Organisation details"), "members:organization_detail", [organization.pk]),
                (_("Member directory"), "members:organization_list"),
            ],
        )
        for organization, roles in sorted(roles_by_organization.items(), key=lambda item: item[0].name_zh)
    ]


def _account(user) -> list[Section]:
    if not access.is_member(user):
        return []
    return [Section(
        _("Your account"),
        _("Change your password, your name and contact details, and see your roles in every organisation."),
        [(_("Account"), "members:account"), (_("Change password"), "password_change")],
    )]


HOME_PANELS = [
    HomePanel(_standing, order=0),
    HomePanel(_secretariat, order=10),
    HomePanel(_administer, order=20),
    HomePanel(_belong, order=25),
    HomePanel(_account, order=1000),
]
