"""What the employees part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import employees as access

    if not access.can_read_programmes(user):
        return []
    links = [(_("Employee training"), "training:programmes"), (_("Enrolments"), "training:enrolments")]
    if access.can_offer(user):
        links.append((_("Offer a programme"), "training:programme_create"))
    if access.can_read_report(user):
        links.append((_("Training hours and income"), "training:employee_training_report"))
    return [Section(_("Employee training"), _("Pre-job, on-the-job training and continuing education schools offer "
                                              "to enterprises, with attendance, assessment and completion."), links)]


def _api():
    from training.api.employees import EnrolmentViewSet, ProgrammeViewSet

    return ProgrammeViewSet, EnrolmentViewSet


_programmes, _enrolments = _api()
HOME_PANELS = [HomePanel(_panel, order=55)]
DASHBOARD = []
API_ROUTES = [ApiRoute("training/programmes", _programmes, "training-programme"),
              ApiRoute("training/enrolments", _enrolments, "training-enrolment")]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "employee_training.programme_offered": _("Employee training programme offered"),
    "employee_training.enrolled": _("Employee enrolled in training"),
    "employee_training.withdrawn": _("Employee training enrolment withdrawn"),
    "employee_training.attendance": _("Training attendance recorded"),
    "employee_training.assessed": _("Employee training assessed"),
    "employee_training.completed": _("Employee training completed"),
    "employee_training.credential_issued": _("Employee training credential issued"),
}
TRANSPARENCY_KINDS = {}
