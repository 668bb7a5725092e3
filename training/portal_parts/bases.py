"""What the bases part adds to the portal (see core.portal): hub sections, API routes, scheduled
jobs, audit events, transparency kinds."""

from django.utils.translation import gettext_lazy as _

from core.portal import ApiRoute, HomePanel, Section


def _panel(user) -> list:
    from training.access import bases as access

    if not access.can_read_bases(user):
        return []
    links = [(_("Training bases"), "training:bases"), (_("Industry colleges"), "training:colleges")]
    if access.can_book_somewhere(user):
        links.append((_("My bookings"), "training:my_bookings"))
    badge = None
    if access.can_see_queue(user):
        badge = access.decision_queue(user).count() or None
        links.append((_("Booking requests"), "training:booking_queue"))
    return [Section(_("Industry colleges and training bases"),
                    _("The industry colleges (产业学院) and training bases (实训基地) schools and enterprises build "
                      "together, their equipment and a calendar of bookings for training sessions."),
                    links, badge=badge)]


def _waiting(user) -> list:
    from training.access import bases as access

    if not access.can_see_queue(user):
        return []
    return [(_("Booking requests of training bases"), "training:booking_queue", access.decision_queue(user).count())]


def _colleges_api():
    from training.api.bases import IndustryCollegeViewSet

    return IndustryCollegeViewSet


def _bases_api():
    from training.api.bases import TrainingBaseViewSet

    return TrainingBaseViewSet


def _bookings_api():
    from training.api.bases import BaseBookingViewSet

    return BaseBookingViewSet


HOME_PANELS = [HomePanel(_panel, order=70)]
DASHBOARD = [_waiting]
API_ROUTES = [
    ApiRoute("training/colleges", _colleges_api(), "training-industry-college"),
    ApiRoute("training/bases", _bases_api(), "training-base"),
    ApiRoute("training/bookings", _bookings_api(), "training-base-booking"),
]
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "training.college_created": _("Industry college created"),
    "training.base_created": _("Training base created"),
    "training.booking_requested": _("Training base booking requested"),
    "training.booking_accepted": _("Training base booking accepted"),
    "training.booking_declined": _("Training base booking declined"),
    "training.booking_cancelled": _("Training base booking cancelled"),
}
TRANSPARENCY_KINDS = {}
