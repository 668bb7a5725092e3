"""What the courses part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import courses as access

    if not access.can_read_courses(user):
        return []
    links = [(_("Co-developed courses"), "training:courses"), (_("Skill coverage"), "training:course_coverage")]
    if access.can_propose(user):
        links.append((_("Propose a course"), "training:course_propose"))
    return [Section(_("Co-developed courses"), _("Courses a school writes with its partner enterprises, version by "
                                                   "version, and how the skills postings demand are covered by "
                                                   "courses, competitions and certificates (岗课赛证)."), links)]


def _to_review(user) -> list:
    from training.access import courses as access
    from training.models import Course, CourseReview, CourseStatus

    out = []
    mine = access.partner_author_ids(user)
    if mine:
        partnered = Course.partners.through.objects.filter(organization_id__in=mine).values("course_id")
        reviewed = CourseReview.objects.filter(version__status="submitted", organization_id__in=mine)
        waiting = (Course.objects.filter(status=CourseStatus.IN_REVIEW, pk__in=partnered)
                   .exclude(pk__in=reviewed.values("version__course_id")).count())
        out.append((_("Courses to review"), "training:courses", waiting))
    schools = access.school_author_ids(user)
    if schools:
        flagged = Course.objects.filter(school_id__in=schools, needs_review=True).exclude(
            status=CourseStatus.RETIRED).count()
        out.append((_("Courses needing review"), "training:courses", flagged))
    return out


def _api():
    from training.api.courses import CourseViewSet

    return CourseViewSet


HOME_PANELS = [HomePanel(_panel, order=20)]
DASHBOARD = [_to_review]
API_ROUTES = [ApiRoute("training/courses", _api(), "training-course")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "course.proposed": _("Course proposed"),
    "course.submitted": _("Course version submitted for review"),
    "course.reviewed": _("Course version reviewed"),
    "course.changes_requested": _("Changes requested to a course"),
    "course.approved": _("Course version approved"),
    "course.version_started": _("New course version started"),
    "course.in_use": _("Course put in use"),
    "course.retired": _("Course retired"),
    "course.flagged": _("Course flagged for review"),
}
TRANSPARENCY_KINDS = {}
