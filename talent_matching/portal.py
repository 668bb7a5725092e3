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

# --- matching ---
from datetime import timedelta  # noqa: E402

from django.utils.translation import gettext_lazy as _  # noqa: E402

from core.portal import ApiRoute, HomePanel, MenuEntry, PeriodicTask, Section  # noqa: E402
from talent_matching import access as _access  # noqa: E402


def _matching_panels(user) -> list:
    sections = []
    if _access.can_run_matching(user):
        sections.append(Section(
            _("Talent matching"),
            _("Rank the best candidates of every published posting and the best postings of every student; "
              "runs every night, or now."),
            [(_("Matching runs"), "talent:matching")],
        ))
    enterprises = _access.enterprise_ids(user)
    if enterprises:
        from talent_matching.models import Posting, PostingStatus

        postings = list(Posting.objects.filter(organization_id__in=enterprises, status=PostingStatus.PUBLISHED)
                        .order_by("-published_at", "-pk").values_list("pk", "title")[:5])
        if postings:
            sections.append(Section(
                _("Candidates for your postings"),
                _("Students ranked for each published posting, with why each one fits; only students who let "
                  "enterprises see their profile are listed."),
                [(title, "talent:posting_candidates", [pk]) for pk, title in postings],
            ))
    if _access.has_recommendations(user):
        sections.append(Section(
            _("Postings for me"),
            _("Published postings that fit your profile, with why each one fits."),
            [(_("Postings for me"), "talent:my_matches")],
        ))
    return sections


def _match_api_route():
    from talent_matching.api.matching import MatchResultViewSet

    return ApiRoute("talent/matches", MatchResultViewSet, "talent-match")


MENU.append(MenuEntry(_("Talent matching"), "talent:matching", _access.can_run_matching, "talent/matching", order=72))
MENU.append(MenuEntry(_("Postings for me"), "talent:my_matches", _access.has_recommendations,
                      "talent/matching/for-me", order=45))
HOME_PANELS.append(HomePanel(_matching_panels, order=50))
API_ROUTES.append(_match_api_route())
PERIODIC_TASKS.append(PeriodicTask("talent-matching-nightly", "talent_matching.tasks.matching.nightly_matching_task",
                                   timedelta(days=1)))
AUDIT_EVENTS["matching.run_started"] = _("Matching run started")
API_SCOPES.setdefault("talent", _("Talent platform"))
# --- end of matching ---
