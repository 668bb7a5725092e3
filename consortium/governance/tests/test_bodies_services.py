"""Bodies and seats: the secretariat's services, the rules they keep, the council representative's
role that follows from a council seat, delegation to the alternate, and the seat history."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from consortium.governance.models import Body, BodyKind, Level, Seat, SeatRole
from consortium.governance.services import bodies as services
from consortium.governance.tests.bodies_world import ENTERPRISES_TWO_SCHOOLS_ONE, TERM, council, working_group
from core.models import AuditEvent
from members import services as members_services
from members.models import Membership, OrganizationKind, OrganizationStatus, Role
from members.tests.factories import OrganizationFactory, person

pytestmark = pytest.mark.django_db


def council_reps(organization):
    return set(Membership.objects.active().filter(organization=organization, role=Role.COUNCIL_REP)
               .values_list("user__username", flat=True))


def test_the_secretariat_sets_up_a_body_with_quotas_and_it_is_recorded(secretariat):
    body = services.create_body(actor=secretariat, name="评估办公室", name_en="Assessment office",
                                kind=BodyKind.ASSESSMENT_OFFICE, level=Level.COORDINATION, code="评",
                                quotas={OrganizationKind.ENTERPRISE: 3})

    assert body.quotas.get().seats == 3
    assert AuditEvent.objects.filter(event="body.created", actor=secretariat).exists()
    with pytest.raises(ValidationError) as twice:
        services.create_body(actor=secretariat, name="评估办公室", kind=BodyKind.ASSESSMENT_OFFICE,
                             level=Level.COORDINATION, code="评")
    assert set(twice.value.message_dict) == {"name", "code"}


def test_no_one_but_the_secretariat_sets_up_bodies_or_seats(admin_a, org_a, member_a):
    with pytest.raises(PermissionDenied):
        services.create_body(actor=admin_a, name="议事组", kind=BodyKind.DISCUSSION_GROUP,
                             level=Level.COORDINATION, code="议")
    body = council()
    with pytest.raises(PermissionDenied):
        services.appoint_seat(actor=admin_a, body=body, organization=org_a, principal=member_a, term_start=TERM)
    assert not Seat.objects.exists()


def test_a_council_seat_makes_its_principal_and_alternate_council_representatives(secretariat, org_a, admin_a,
                                                                                    member_a):
    body = council()

    seat = services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a,
                                 alternate=member_a, role=SeatRole.CHAIR, weight=2, term_start=TERM)

    assert council_reps(org_a) == {"admin_a", "member_a"}
    assert AuditEvent.objects.filter(event="seat.appointed").count() == 1
    assert AuditEvent.objects.filter(event="standing.appointed").count() == 2
    assert seat.weight == 2 and seat.role == SeatRole.CHAIR


def test_replacing_the_principal_ends_their_council_representatives_role(secretariat, org_a, admin_a, member_a):
    seat = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                 alternate=member_a, term_start=TERM)
    newcomer = person(org_a, Role.HR, username="newcomer")

    services.change_representatives(actor=secretariat, seat=seat, principal=newcomer, alternate=member_a)

    assert council_reps(org_a) == {"newcomer", "member_a"}
    ended = Membership.objects.get(user=admin_a, role=Role.COUNCIL_REP)
    assert ended.ended_at is not None and ended.ended_by == secretariat
    assert AuditEvent.objects.filter(event="standing.dismissed").count() == 1


def test_the_role_stays_while_another_council_seat_needs_it(secretariat, org_a, admin_a, member_a):
    first = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                  term_start=TERM)
    services.appoint_seat(actor=secretariat, body=council(name="第二届理事会", code="二"), organization=org_a,
                          principal=admin_a, term_start=TERM)

    services.end_seat(actor=secretariat, seat=first, reason="换届")

    assert council_reps(org_a) == {"admin_a"}


def test_a_seat_on_a_working_body_makes_no_council_representative(secretariat, org_a, member_a):
    services.appoint_seat(actor=secretariat, body=working_group(), organization=org_a, principal=member_a,
                          term_start=TERM)

    assert council_reps(org_a) == set()


def test_an_ended_seat_is_kept_with_its_reason_and_frees_the_place(secretariat, org_a, admin_a, member_a):
    body = council()
    seat = services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a,
                                 term_start=TERM)
    with pytest.raises(ValidationError) as no_reason:
        services.end_seat(actor=secretariat, seat=seat, reason=" ")
    assert "reason" in no_reason.value.message_dict

    services.end_seat(actor=secretariat, seat=seat, reason="单位换届")
    again = services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=member_a,
                                  term_start=TERM)

    seat.refresh_from_db()
    assert seat.end_reason == "单位换届" and seat.ended_at is not None
    assert list(Seat.objects.current().filter(body=body)) == [again]
    assert council_reps(org_a) == {"member_a"}
    with pytest.raises(ValidationError):
        services.change_seat(actor=secretariat, seat=seat, role=SeatRole.MEMBER, weight=1, term_start=TERM,
                             term_end=None)


def test_quotas_per_kind_of_organisation_are_kept(secretariat, org_a, org_b, admin_a, admin_b, school, teacher):
    body = council(quotas={OrganizationKind.ENTERPRISE: 1})
    services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a, term_start=TERM)

    with pytest.raises(ValidationError) as full:
        services.appoint_seat(actor=secretariat, body=body, organization=org_b, principal=admin_b, term_start=TERM)
    with pytest.raises(ValidationError) as no_quota:
        services.appoint_seat(actor=secretariat, body=body, organization=school, principal=teacher, term_start=TERM)

    assert "organization" in full.value.message_dict and "organization" in no_quota.value.message_dict
    assert Seat.objects.count() == 1
    with pytest.raises(ValidationError) as below:
        services.update_body(actor=secretariat, body=body, name=body.name, kind=body.kind, level=body.level,
                             code=body.code, quorum_rule=body.quorum_rule,
                             quotas={OrganizationKind.ENTERPRISE: 0})
    assert "quotas" in below.value.message_dict


def test_one_seat_per_organisation_and_one_chair_per_body(secretariat, org_a, org_b, admin_a, member_a, admin_b):
    body = council()
    services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a, role=SeatRole.CHAIR,
                          term_start=TERM)

    with pytest.raises(ValidationError) as second_seat:
        services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=member_a, term_start=TERM)
    with pytest.raises(ValidationError) as second_chair:
        services.appoint_seat(actor=secretariat, body=body, organization=org_b, principal=admin_b,
                              role=SeatRole.CHAIR, term_start=TERM)

    assert "organization" in second_seat.value.message_dict and "role" in second_chair.value.message_dict


def test_representatives_are_active_people_of_the_seats_organisation(secretariat, org_a, admin_a, admin_b,
                                                                      student, school):
    body = council()
    with pytest.raises(ValidationError) as stranger:
        services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_b, term_start=TERM)
    with pytest.raises(ValidationError) as same:
        services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a,
                              alternate=admin_a, term_start=TERM)
    with pytest.raises(ValidationError) as a_student:
        services.appoint_seat(actor=secretariat, body=body, organization=school, principal=student, term_start=TERM)

    assert "principal" in stranger.value.message_dict
    assert "alternate" in same.value.message_dict
    assert "principal" in a_student.value.message_dict
    assert not Seat.objects.exists()


def test_only_active_member_organisations_and_active_bodies_take_seats(secretariat, org_a, admin_a):
    body = council()
    org_a.status = OrganizationStatus.SUSPENDED
    org_a.save()
    with pytest.raises(ValidationError):
        services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a, term_start=TERM)

    services.deactivate_body(actor=secretariat, body=body)
    other = OrganizationFactory(name_zh="丙企业有限公司")
    with pytest.raises(ValidationError):
        services.appoint_seat(actor=secretariat, body=body, organization=other,
                              principal=person(other, Role.HR), term_start=TERM)


def test_a_body_with_seats_is_not_deactivated_until_they_end(secretariat, org_a, admin_a):
    body = council()
    seat = services.appoint_seat(actor=secretariat, body=body, organization=org_a, principal=admin_a,
                                 term_start=TERM)
    with pytest.raises(ValidationError):
        services.deactivate_body(actor=secretariat, body=body)

    services.end_seat(actor=secretariat, seat=seat, reason="机构撤销")
    services.deactivate_body(actor=secretariat, body=body)

    assert Body.objects.get(pk=body.pk).is_active is False


def test_the_secretariat_does_not_seat_itself(secretariat, government):
    with pytest.raises(ValidationError) as refused:
        services.appoint_seat(actor=secretariat, body=council(), organization=government, principal=secretariat,
                              term_start=TERM)
    assert "principal" in refused.value.message_dict


def test_the_principal_delegates_the_vote_to_the_alternate(secretariat, org_a, admin_a, member_a):
    seat = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                 alternate=member_a, term_start=TERM)
    today = timezone.localdate()
    assert services.voting_person(seat, today) == admin_a

    with pytest.raises(PermissionDenied):
        services.delegate_seat(actor=member_a, seat=seat, until=today)
    services.delegate_seat(actor=admin_a, seat=seat, until=today + timedelta(days=7))

    seat.refresh_from_db()
    assert services.voting_person(seat, today + timedelta(days=7)) == member_a
    assert services.voting_person(seat, today + timedelta(days=8)) == admin_a
    assert AuditEvent.objects.filter(event="seat.delegated", actor=admin_a).exists()
    services.delegate_seat(actor=secretariat, seat=seat, until=None)
    seat.refresh_from_db()
    assert services.voting_person(seat, today) == admin_a


def test_a_delegation_needs_an_alternate_and_a_day_ahead(secretariat, org_a, admin_a):
    seat = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                 term_start=TERM)
    with pytest.raises(ValidationError) as refused:
        services.delegate_seat(actor=admin_a, seat=seat, until=timezone.localdate())
    assert "until" in refused.value.message_dict


def test_the_alternate_votes_when_the_principal_is_absent(secretariat, org_a, admin_a, member_a):
    seat = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                 alternate=member_a, term_start=TERM)

    assert services.who_votes(seat, present={admin_a.pk, member_a.pk}) == admin_a
    assert services.who_votes(seat, present=[member_a]) == member_a
    assert services.who_votes(seat, present=set()) is None
    services.end_seat(actor=secretariat, seat=seat, reason="届满")
    seat.refresh_from_db()
    assert services.who_votes(seat) is None


def test_replacing_the_alternate_ends_the_delegation(secretariat, org_a, admin_a, member_a):
    seat = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                 alternate=member_a, term_start=TERM)
    services.delegate_seat(actor=admin_a, seat=seat, until=timezone.localdate())

    seat = services.change_representatives(actor=secretariat, seat=seat, principal=admin_a,
                                           alternate=person(org_a, Role.HR))

    assert seat.delegated_until is None


def test_the_office_weight_and_term_change(secretariat, org_a, admin_a):
    seat = services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=admin_a,
                                 term_start=TERM)
    with pytest.raises(ValidationError) as wrong:
        services.change_seat(actor=secretariat, seat=seat, role=SeatRole.VICE_CHAIR, weight=0, term_start=TERM,
                             term_end=TERM - timedelta(days=1))
    assert set(wrong.value.message_dict) == {"weight", "term_end"}

    services.change_seat(actor=secretariat, seat=seat, role=SeatRole.VICE_CHAIR, weight=3, term_start=TERM,
                         term_end=TERM.replace(year=2029))

    seat.refresh_from_db()
    assert (seat.role, seat.weight, seat.term_end.year) == (SeatRole.VICE_CHAIR, 3, 2029)


def test_no_one_appoints_or_ends_a_council_representative_by_hand(secretariat, org_a, admin_a, member_a):
    with pytest.raises(ValidationError):
        members_services.standing_appoint(actor=secretariat, user=member_a, organization=org_a,
                                          role=Role.COUNCIL_REP)
    services.appoint_seat(actor=secretariat, body=council(), organization=org_a, principal=member_a, term_start=TERM)

    with pytest.raises(ValidationError):
        members_services.membership_end(membership=Membership.objects.get(role=Role.COUNCIL_REP),
                                        actor=secretariat)
    assert council_reps(org_a) == {"member_a"}


def test_council_representatives_appointed_before_seats_get_council_seats(org_a, admin_a, member_a, org_b, admin_b):
    for user, organization in ((admin_a, org_a), (member_a, org_a), (admin_b, org_b)):
        Membership.objects.create(user=user, organization=organization, role=Role.COUNCIL_REP)

    made = services.seats_from_council_representatives()
    again = services.seats_from_council_representatives()

    body = Body.objects.get(kind=BodyKind.COUNCIL)
    assert (made, again) == (2, 0)
    assert (body.name, body.code) == ("理事会", "理")
    seats = {s.organization_id: s for s in Seat.objects.current().filter(body=body)}
    assert (seats[org_a.pk].principal, seats[org_a.pk].alternate) == (admin_a, member_a)
    assert seats[org_b.pk].principal == admin_b
    assert council_reps(org_a) == {"admin_a", "member_a"}


def test_the_move_uses_the_council_body_there_is(org_a, admin_a):
    body = council(quotas=ENTERPRISES_TWO_SCHOOLS_ONE)
    Membership.objects.create(user=admin_a, organization=org_a, role=Role.COUNCIL_REP)

    services.seats_from_council_representatives()

    assert Body.objects.count() == 1 and Seat.objects.get().body == body


@pytest.mark.django_db(transaction=True)
def test_two_appointments_at_once_cannot_both_take_the_last_place(secretariat):
    body = council(quotas={OrganizationKind.ENTERPRISE: 1})
    firms = [OrganizationFactory(name_zh=f"并发企业{n}") for n in range(2)]
    people = [person(firm, Role.HR) for firm in firms]
    barrier, outcomes = threading.Barrier(2), []

    def appoint(n):
        try:
            barrier.wait()
            services.appoint_seat(actor=secretariat, body=body, organization=firms[n], principal=people[n],
                                  term_start=TERM)
            outcomes.append("seated")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=appoint, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert sorted(outcomes) == ["refused", "seated"]
    assert Seat.objects.current().filter(body=body).count() == 1
