"""The home page's content for each kind of person: what they can do next."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import ApplicationStatus, MembershipApplication, Organization, OrganizationStatus, Role


@dataclass
class Section:
    title: str
    text: str
    links: list = field(default_factory=list)  # (label, url)
    badge: int | None = None


def _visitor() -> list[Section]:
    return [
        Section(
            _("One portal for schools, enterprises and government"),
            _("The consortium's members train the people the city's industries need: postings and consented "
              "student profiles are matched, placements and training are recorded, and certificates can be "
              "verified by anyone."),
            [(_("About the consortium"), reverse("about")), (_("Member directory"), reverse("members:organization_list"))],
        ),
        Section(
            _("Join the consortium"),
            _("Schools, enterprises, research institutes and associations in the city may apply; the secretariat "
              "reviews every application."),
            [(_("Apply to join"), reverse("members:apply"))],
        ),
        Section(
            _("Members, sign in"),
            _("Sign in with the account your organisation's administrator gave you."),
            [(_("Sign in"), reverse("login"))],
        ),
    ]


def home_sections(user) -> list[Section]:
    if not user.is_authenticated:
        return _visitor()
    profile = access.profile(user)
    roles = profile.roles()
    sections: list[Section] = []

    if not profile.active_organization_ids and not access.is_secretariat(user):
        applying = [org for org, status in profile.status_by_org.items() if status == OrganizationStatus.APPLICANT]
        application = (
            MembershipApplication.objects.filter(organization_id__in=applying).order_by("-submitted_at").first()
            if applying
            else None
        )
        if application is not None:
            sections.append(
                Section(
                    _("Your membership application"),
                    _("Status: %(status)s.") % {"status": application.get_status_display()},
                    [(_("See the application"), application.get_absolute_url())],
                )
            )
        elif profile.organization_ids:
            sections.append(
                Section(
                    _("Your organisation is not an active member"),
                    _("Its membership is suspended or has ended, so the members' areas are closed to you. "
                      "The secretariat can tell you more."),
                    [(_("About the consortium"), reverse("about"))],
                )
            )
        return sections
    if access.is_secretariat(user):
        pending = MembershipApplication.objects.filter(status=ApplicationStatus.PENDING).count()
        sections.append(
            Section(
                _("Secretariat"),
                _("Review membership applications, follow every change in the audit trail, and manage "
                  "organisations and people in the admin console."),
                [
                    (_("Membership applications"), reverse("members:application_list")),
                    (_("Audit trail"), reverse("audit_list")),
                    (_("Admin console"), reverse("admin:index")),
                ],
                badge=pending or None,
            )
        )
    admin_of = sorted(profile.orgs_with_role(Role.ORG_ADMIN))
    if admin_of:
        organizations = Organization.objects.filter(pk__in=admin_of).order_by("name_zh")
        for organization in organizations:
            sections.append(
                Section(
                    _("Administer %(organization)s") % {"organization": organization.name},
                    _("Invite your colleagues with their roles, remove people who have left, and keep your "
                      "organisation's details up to date."),
                    [
                        (_("People and invitations"), reverse("members:people", args=[organization.pk])),
                        (_("Organisation details"), organization.get_absolute_url()),
                    ],
                )
            )
    if Role.COUNCIL_REP in roles:
        sections.append(
            Section(
                _("Council"),
                _("As a council representative you take part in meetings, votes and resolutions of the "
                  "consortium's council."),
                [(_("Member directory"), reverse("members:organization_list"))],
            )
        )
    if Role.TEACHER in roles:
        sections.append(
            Section(
                _("Teaching"),
                _("Record your enterprise practice and training, co-develop courses with enterprises, and issue "
                  "verifiable credentials to your students."),
                [(_("Training"), reverse("training:index")), (_("Credentials"), reverse("credentials:index"))],
            )
        )
    if Role.STUDENT in roles:
        sections.append(
            Section(
                _("Your studies and career"),
                _("Keep your profile current, decide which enterprises may see it, apply for postings, and "
                  "share your verified certificates."),
                [(_("Talent platform"), reverse("talent_matching:index")),
                 (_("My credentials"), reverse("credentials:index"))],
            )
        )
    if roles & {Role.HR, Role.ENGINEER}:
        sections.append(
            Section(
                _("Recruiting and co-operation"),
                _("Publish postings, see the students who match them, offer placements, and co-develop courses "
                  "with the member schools."),
                [(_("Talent platform"), reverse("talent_matching:index")), (_("Training"), reverse("training:index"))],
            )
        )
    if Role.OFFICER in roles:
        sections.append(
            Section(
                _("Oversight"),
                _("Follow the consortium's members, supply and demand of skills, and the figures of the annual "
                  "quality report."),
                [(_("Member directory"), reverse("members:organization_list")),
                 (_("Talent platform"), reverse("talent_matching:index"))],
            )
        )
    sections.append(
        Section(
            _("Your account"),
            _("Change your password and contact details, and get an API token for your organisation's systems."),
            [(_("Account"), reverse("members:account")), (_("Change password"), reverse("password_change"))],
        )
    )
    return sections
