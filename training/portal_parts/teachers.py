"""What the teachers part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import teachers as access

    if not access.can_use_records(user):
        return []
    links = []
    if access.is_teacher(user):
        links += [(_("My training record"), "training:teacher_records"),
                  (_("Record training"), "training:teacher_record_create")]
    if access.signer_org_ids(user):
        links.append((_("Training to sign off"), "training:teacher_queue"))
    if access.can_see_overview(user):
        links.append((_("Teacher overview"), "training:teacher_overview"))
    links.append((_("Dual-qualified (双师型) applications"), "training:dual_applications"))
    return [Section(_("Teachers' training records"), _(
        "Enterprise practice, training courses, workshops and industry projects of teachers, signed off by the "
        "organisation that provided them; the five-year practice indicator and dual-qualified (双师型) "
        "certification."), links)]


def _waiting_sign_off(user) -> list:
    from training.access import teachers as access

    if not access.signer_org_ids(user):
        return []
    return [(_("Training to sign off"), "training:teacher_queue", access.sign_off_queue(user).count())]


def _waiting_decision(user) -> list:
    from training.access import teachers as access
    from training.models import DualStatus, DualTeacherApplication

    schools = access.committee_school_ids(user)
    if not schools:
        return []
    count = DualTeacherApplication.objects.filter(school_id__in=schools, status=DualStatus.PENDING).count()
    return [(_("Dual-qualified (双师型) applications to decide"), "training:dual_applications", count)]


def _api(name):
    from training.api import teachers

    return getattr(teachers, name)


HOME_PANELS = [HomePanel(_panel, order=40)]
DASHBOARD = [_waiting_sign_off, _waiting_decision]
API_ROUTES = [
    ApiRoute("training/teacher-records", _api("TeacherTrainingRecordViewSet"), "training-teacher-record"),
    ApiRoute("training/teacher-overview", _api("TeacherOverviewViewSet"), "training-teacher-overview"),
    ApiRoute("training/dual-applications", _api("DualTeacherApplicationViewSet"), "training-dual-application"),
]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "teacher_training.submitted": _("Teacher training record submitted"),
    "teacher_training.signed_off": _("Teacher training record signed off"),
    "teacher_training.returned": _("Teacher training record returned"),
    "dual_teacher.applied": _("Dual-qualified (双师型) application made"),
    "dual_teacher.decided": _("Dual-qualified (双师型) application decided"),
}
TRANSPARENCY_KINDS = {}
