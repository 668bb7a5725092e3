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
from django.utils.translation import gettext_lazy as _  # noqa: E402

from core.portal import ApiRoute, HomePanel, MenuEntry, Section  # noqa: E402
from talent_matching import access  # noqa: E402


def _enterprise_postings(user) -> list[Section]:
    from talent_matching.models import PostingStatus
    from talent_matching.selectors.postings import enterprises_with_counts

    return [
        Section(
            _("Postings of %(organization)s") % {"organization": organization.name},
            _("Published: %(published)s · drafts: %(drafts)s. Publish jobs, internships, order classes and "
              "apprenticeships for the consortium's students.") % {
                "published": counts.get(PostingStatus.PUBLISHED, 0), "drafts": counts.get(PostingStatus.DRAFT, 0)},
            [(_("Our postings"), "talent:posting_manage"), (_("New posting"), "talent:posting_create")],
            badge=counts.get(PostingStatus.DRAFT) or None,
        )
        for organization, counts in enterprises_with_counts(user)
    ]


def _student_postings(user) -> list[Section]:
    if not access.is_student(user):
        return []
    from talent_matching.selectors.postings import open_postings_count

    return [Section(
        _("Jobs and internships"),
        _("%(count)s postings of the consortium's enterprises are taking applications: jobs, internships, order "
          "classes and more.") % {"count": open_postings_count(user)},
        [(_("Browse postings"), "talent:posting_list")],
    )]


# Marked as the current entry on the postings' pages; the other parts' pages under /talent/ mark their own.
MENU.append(MenuEntry(_("Talent supply and demand"), "talent:home", access.can_use_talent_platform,
                      "talent/postings", order=45))
HOME_PANELS += [HomePanel(_enterprise_postings, order=20), HomePanel(_student_postings, order=21)]
AUDIT_EVENTS.update({
    "posting.published": _("Posting published"),
    "posting.closed": _("Posting closed"),
})
API_SCOPES.update({"talent": _("Talent platform")})


from talent_matching.api.postings import PostingViewSet  # noqa: E402

API_ROUTES.append(ApiRoute("postings", PostingViewSet, "posting"))
# --- end of postings ---
