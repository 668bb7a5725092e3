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

# --- postings ---
# 人才供需 in the menu for everyone on the platform; on the home page, an enterprise's people see
# their postings by state, and students the postings taking applications.
from django.db.models import Count  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from core.portal import ApiRoute, HomePanel, MenuEntry, Section  # noqa: E402
from talent_matching import access  # noqa: E402


def _enterprise_postings(user) -> list[Section]:
    ids = access.enterprise_ids(user)
    if not ids:
        return []
    from members.models import Organization, OrganizationStatus
    from talent_matching.models import Posting, PostingStatus

    counts = {}
    for org_id, status, n in Posting.objects.filter(organization_id__in=ids).values_list(
            "organization_id", "status").annotate(n=Count("pk")):
        counts.setdefault(org_id, {})[status] = n
    sections = []
    for organization in Organization.objects.filter(pk__in=ids, status=OrganizationStatus.ACTIVE).order_by("name_zh"):
        mine = counts.get(organization.pk, {})
        sections.append(Section(
            _("Postings of %(organization)s") % {"organization": organization.name},
            _("Published: %(published)s · drafts: %(drafts)s. Publish jobs, internships, order classes and "
              "apprenticeships for the consortium's students.") % {
                "published": mine.get(PostingStatus.PUBLISHED, 0), "drafts": mine.get(PostingStatus.DRAFT, 0)},
            [(_("Our postings"), "talent:posting_manage"), (_("New posting"), "talent:posting_create")],
            badge=mine.get(PostingStatus.DRAFT) or None,
        ))
    return sections


def _student_postings(user) -> list[Section]:
    if not access.is_student(user):
        return []
    from members.models import OrganizationStatus
    from talent_matching.models import Posting

    count = access.postings_for(user, Posting.objects.open()).filter(
        organization__status=OrganizationStatus.ACTIVE).count()
    return [Section(
        _("Jobs and internships"),
        _("%(count)s postings of the consortium's enterprises are taking applications: jobs, internships, order "
          "classes and more.") % {"count": count},
        [(_("Browse postings"), "talent:posting_list")],
    )]


MENU.append(MenuEntry(_("Talent supply and demand"), "talent:home", access.can_use_talent_platform, "talent",
                      order=45))
HOME_PANELS += [HomePanel(_enterprise_postings, order=20), HomePanel(_student_postings, order=21)]
AUDIT_EVENTS.update({
    "posting.published": _("Posting published"),
    "posting.closed": _("Posting closed"),
})
API_SCOPES.update({"talent": _("Talent platform")})


from talent_matching.api.postings import PostingViewSet  # noqa: E402

API_ROUTES.append(ApiRoute("postings", PostingViewSet, "posting"))
# --- end of postings ---
