"""The talent platform's place in the portal (see ``core.portal``): its pages under /talent/,
its menu entries and home panels, API routes, scheduled jobs, decisions in the audit trail and
the kinds of transparency-log entry it writes, part by part."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, MenuEntry, PeriodicTask, Section
from talent_matching import access as _access
from talent_matching.api import postings as postings_api
from talent_matching.api import profiles as profiles_api

URLS = "talent/"

# One entry for the whole platform, current on every page under /talent/: its hub page gathers
# what each part offers the person (the same panels as on the home page).
MENU = [MenuEntry(_("Jobs and talent"), "talent:home", _access.can_use_talent_platform, "talent", order=35)]
HOME_PANELS = []
API_ROUTES = []
PERIODIC_TASKS = []
AUDIT_EVENTS = {}
API_SCOPES = {"talent": _("Talent platform")}
TRANSPARENCY_KINDS = {}

# --- profiles ---




def _profile_panels(user) -> list:
    """学生求职档案 for students (nudged to choose who may see it), the school's profiles for its
    administrators and teachers."""
    sections = []
    if _access.has_profile_page(user):
        from talent_matching.models import StudentProfile, Visibility

        profile = StudentProfile.objects.filter(student=user).only("visibility").first()
        if profile is None:
            text = _("Keep a job profile — your major, skills and where you would like to work — and choose which "
                     "enterprises may see it.")
        elif profile.visibility == Visibility.NOBODY:
            text = _("No enterprise sees your profile now. Choose who may see it, in plain words, and change it at "
                     "any time.")
        else:
            text = _("Your profile is seen by: %(choice)s. See who looked at it, or withdraw at any time.") % {
                "choice": profile.get_visibility_display()}
        links = [(_("My job profile"), "talent:my_profile")]
        if profile is not None:  # choosing who sees it, and who looked, come once there is a profile
            links += [(_("Who may see it"), "talent:consent"), (_("Who looked at my profile"), "talent:my_accesses")]
        sections.append(Section(_("My job profile"), text, links))
    if _access.has_school_profiles(user):
        from members.models import Organization

        for school in Organization.objects.filter(pk__in=_access.school_ids(user)).order_by("name_zh"):
            sections.append(Section(
                _("Student profiles of %(school)s") % {"school": school.name},
                _("See your students' job profiles and import them in bulk; each student decides who else sees theirs."),
                [(_("Student profiles"), "talent:school_profiles", [school.pk]),
                 (_("Import profiles"), "talent:school_profile_import", [school.pk])],
            ))
    if _access.can_set_retention(user):
        sections.append(Section(
            _("Student profiles"),
            _("Set how long profiles of students who have left school are kept before they are de-identified."),
            [(_("Retention period"), "talent:retention")],
        ))
    return sections


HOME_PANELS += [HomePanel(_profile_panels, order=45)]
API_ROUTES += [ApiRoute("talent/profiles", profiles_api.StudentProfileViewSet, "talent-profile")]
PERIODIC_TASKS += [
    PeriodicTask("talent-profiles-deidentify", "talent_matching.tasks.profiles.profiles_deidentify_task",
                 timedelta(days=1)),
]
AUDIT_EVENTS.update({
    "talent_profile.consent_given": _("Profile consent given"),
    "talent_profile.consent_withdrawn": _("Profile consent withdrawn"),
    "talent_profile.imported": _("Student profiles imported"),
    "talent_settings.retention_set": _("Profile retention period set"),
})

# --- applications ---



def _applications_api():
    from talent_matching.api.applications import ApplicationViewSet

    return ApplicationViewSet




def _applications_panel(user) -> list:
    from talent_matching.models import ApplicationStage

    sections = []
    if _access.can_apply(user):
        waiting = _access.applications_for(user).filter(
            profile__student=user, stage__in=[ApplicationStage.INVITED, ApplicationStage.OFFER]).count()
        sections.append(Section(
            _("My applications"),
            _("Your applications to enterprises' postings and their invitations, with where each stands."),
            [(_("My applications"), "talent:my_applications")], badge=waiting or None,
        ))
    if _access.can_view_received_applications(user):
        new = _access.applications_for(user).filter(
            posting__organization_id__in=_access.enterprise_ids(user), stage=ApplicationStage.APPLIED).count()
        sections.append(Section(
            _("Applications to our postings"),
            _("Shortlist, interview and make offers to the students who applied; invite those you found."),
            [(_("Applications to our postings"), "talent:received_applications")], badge=new or None,
        ))
    if _access.is_placement_officer(user):
        sections.append(Section(
            _("Our students' applications"),
            _("Follow where your students' applications stand, with their messages."),
            [(_("Our students' applications"), "talent:school_applications")],
        ))
    return sections


HOME_PANELS += [HomePanel(_applications_panel, order=45)]
API_ROUTES += [ApiRoute("talent/applications", _applications_api(), "talent-application")]
AUDIT_EVENTS.update({
    "talent_application.applied": _("Student applied to a posting"),
    "talent_application.invited": _("Student invited to apply"),
    "talent_application.moved": _("Application moved to another stage"),
})

# --- supply ---
# 供需预警: supply and demand per family of majors and major, with early warnings.




def _supply_panel(user) -> list:
    if not _access.can_view_supply_demand(user):
        return []
    from talent_matching.selectors.supply import warnings

    from talent_matching.models import SupplyDemandSnapshot

    period = SupplyDemandSnapshot.objects.latest_period()
    count = warnings(period).count() if period else 0
    links = [(_("Supply and demand"), "talent:supply_demand"), (_("Early warnings"), "talent:supply_warnings")]
    if _access.can_set_supply_thresholds(user):
        links.append((_("Early-warning thresholds"), "talent:supply_thresholds"))
    return [Section(
        _("Supply and demand"),
        _("Open headcount against graduating students per family of majors, month by month, with early warnings."),
        links, badge=count or None,
    )]


def _supply_api_routes():
    from talent_matching.api import supply as supply_api

    return [
        ApiRoute("supply-demand/warnings", supply_api.SupplyWarningViewSet, "supply-warning"),
        ApiRoute("supply-demand", supply_api.SupplyDemandViewSet, "supply-demand"),
    ]


HOME_PANELS.append(HomePanel(_supply_panel, order=72))
API_ROUTES.extend(_supply_api_routes())
PERIODIC_TASKS.append(PeriodicTask("talent-supply-snapshot", "talent_matching.tasks.supply.supply_snapshot_due_task",
                                   timedelta(days=1)))
AUDIT_EVENTS.update({
    "supply.thresholds_updated": _("Early-warning thresholds changed"),
    "supply.snapshot_taken": _("Supply and demand figures taken"),
})


# --- matching ---


def _matching_panels(user) -> list:
    sections = []
    if _access.can_run_matching(user):
        sections.append(Section(
            _("Matching students and postings"),
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


HOME_PANELS.append(HomePanel(_matching_panels, order=50))
API_ROUTES.append(_match_api_route())
PERIODIC_TASKS.append(PeriodicTask("talent-matching-nightly", "talent_matching.tasks.matching.nightly_matching_task",
                                   timedelta(days=1)))
AUDIT_EVENTS["matching.run_started"] = _("Matching run started")
# --- end matching ---


# --- placement ---


def _placement_panel(user) -> list:
    """Open rounds the person takes part in (students rank; enterprises review who ranked them):
    those ``access.rounds_for`` gives them."""
    from talent_matching.models import RoundStatus

    if _access.can_manage_placement(user):
        return [Section(
            _("Placement rounds"),
            _("Internships, order classes and 2+1 placements: collect both sides' preferences, run a stable matching "
              "and confirm the placements."),
            [(_("Placement rounds"), "talent:placement_rounds")],
        )]
    open_rounds = list(_access.rounds_for(user).filter(status=RoundStatus.COLLECTING).order_by("-created_at")[:3])
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


# --- postings ---
# 人才供需 in the menu for everyone on the platform; on the home page, an enterprise's people see
# their postings by state, and students the postings taking applications.


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


def _browse_postings(user) -> list[Section]:
    """The published postings: for students the jobs to apply to, for schools and public bodies
    what enterprises ask for."""
    if not _access.can_use_talent_platform(user) or (_access.enterprise_ids(user) and not _access.is_student(user)):
        return []
    from talent_matching.selectors.postings import open_postings_count

    count = open_postings_count(user)
    if _access.is_student(user):
        text = _("%(count)s postings of the consortium's enterprises are taking applications: jobs, internships, "
                 "order classes and more.") % {"count": count}
    else:
        text = _("%(count)s postings of the consortium's enterprises are taking applications: see what they ask "
                 "of the students.") % {"count": count}
    return [Section(_("Jobs and internships"), text, [(_("Browse postings"), "talent:posting_list")])]


HOME_PANELS += [HomePanel(_enterprise_postings, order=20), HomePanel(_browse_postings, order=21)]
AUDIT_EVENTS.update({
    "posting.published": _("Posting published"),
    "posting.closed": _("Posting closed"),
})


API_ROUTES.append(ApiRoute("postings", postings_api.PostingViewSet, "posting"))
# --- end postings ---
