"""What the bodies part adds to the portal (see core.portal): hub sections ("Bodies and seats"
for everyone in governance, "My seats" for seat holders), API routes and audit events."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.governance import access as base
from consortium.governance.access import bodies as access
from core.portal import ApiRoute, HomePanel, Section


def _bodies(user) -> list[Section]:
    if not base.can_use_governance(user):
        return []
    links = [(_("Bodies and seats"), "governance:body_list")]
    if access.can_manage_bodies(user):
        links.append((_("New body"), "governance:body_create"))
    return [Section(_("Bodies and seats"),
                    _("The council, the steering committee and the working bodies, with the organisations holding "
                      "their seats, their representatives and the seat history."), links)]


def _my_seats(user) -> list[Section]:
    seats = list(access.my_seats(user).select_related("body", "organization").order_by("body__name"))
    if not seats:
        return []
    text = ngettext("You represent your organisation in %(count)d seat: %(seats)s.",
                    "You represent your organisation in %(count)d seats: %(seats)s.", len(seats)) % {
        "count": len(seats), "seats": "、".join(f"{seat.body.display_name}（{seat.organization}）" for seat in seats)}
    return [Section(_("My seats"), text, [(seat.body.display_name, "governance:seat_detail", [seat.pk])
                                          for seat in seats])]


def _api_routes():
    from consortium.governance.api import bodies as api

    return [ApiRoute("governance/bodies", api.BodyViewSet, "governance-body"),
            ApiRoute("governance/seats", api.SeatViewSet, "governance-seat")]


HOME_PANELS = [HomePanel(_my_seats, order=10), HomePanel(_bodies, order=11)]
API_ROUTES = _api_routes()
PERIODIC_TASKS = []
AUDIT_EVENTS = {
    "body.created": _("Governing body set up"),
    "body.deactivated": _("Governing body deactivated"),
    "body.reactivated": _("Governing body reactivated"),
    "seat.appointed": _("Seat appointed"),
    "seat.representatives_changed": _("Seat's representatives changed"),
    "seat.changed": _("Seat's office, weight or term changed"),
    "seat.ended": _("Seat ended"),
    "seat.delegated": _("Vote delegated to the alternate"),
    "seat.delegation_withdrawn": _("Delegation to the alternate withdrawn"),
}
TRANSPARENCY_KINDS = {}
