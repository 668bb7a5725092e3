"""The applications pipeline through its services: applying and inviting, every step on both
sides with its history and e-mails, the steps each side may not take, and who sees what."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from members.models import Role
from members.tests.factories import person
from talent_matching import access
from talent_matching.models import Application, ApplicationStage as S, PostingStatus, Visibility
from talent_matching.services import applications as services
from talent_matching.tests import applications_fixtures as fx
from talent_matching.tests.applications_fixtures import make_posting, make_profile, send_all
from tests.pages import zh

pytestmark = pytest.mark.django_db
posting_a, profile, school_admin = fx.posting_a, fx.profile, fx.school_admin

IN_A_WEEK = timezone.now() + timedelta(days=7)


def stages(application):
    return [(e.stage_from, e.stage_to) for e in application.events.order_by("at", "id")]


def test_the_whole_pipeline_from_application_to_accepted_offer(student, member_a, posting_a, profile, school_admin):
    application = services.application_apply(posting=posting_a, actor=student, note="我熟悉 FANUC 系统。")
    assert application.stage == S.APPLIED
    services.application_transition(application=application, action="shortlist", actor=member_a)
    services.application_transition(application=application, action="interview", actor=member_a,
                                    interview_at=IN_A_WEEK, interview_place="二号楼 3 楼会议室")
    services.application_transition(application=application, action="offer", actor=member_a, note="月薪 6000 元。")
    application = services.application_transition(application=application, action="accept", actor=student)

    assert application.stage == S.ACCEPTED
    assert application.interview_place == "二号楼 3 楼会议室"
    assert stages(application) == [("", S.APPLIED), (S.APPLIED, S.SHORTLISTED), (S.SHORTLISTED, S.INTERVIEW),
                                   (S.INTERVIEW, S.OFFER), (S.OFFER, S.ACCEPTED)]
    assert application.events.get(stage_to=S.APPLIED).note == "我熟悉 FANUC 系统。"
    assert AuditEvent.objects.filter(event="talent_application.moved").count() == 4


def test_each_step_is_emailed_to_the_other_side_and_offer_and_acceptance_to_the_school(
        student, admin_a, member_a, posting_a, profile, school_admin):
    application = services.application_apply(posting=posting_a, actor=student)
    send_all()
    [applied] = mail.outbox
    assert set(applied.to) == {admin_a.email, member_a.email}  # the enterprise's administrators and HR
    assert posting_a.title in applied.subject
    assert f"/talent/applications/{application.pk}/" in applied.body

    mail.outbox.clear()
    services.application_transition(application=application, action="interview", actor=member_a,
                                    interview_at=IN_A_WEEK, interview_place="二号楼 3 楼会议室")
    send_all()
    [interview] = mail.outbox
    assert interview.to == [student.email] and "二号楼 3 楼会议室" in interview.body

    mail.outbox.clear()
    services.application_transition(application=application, action="offer", actor=member_a)
    services.application_transition(application=application, action="accept", actor=student)
    send_all()
    to_school = [m for m in mail.outbox if m.to == [school_admin.email]]
    assert len(to_school) == 2, "the placement officer hears of the offer and of its acceptance"
    assert [m.to for m in mail.outbox if m not in to_school] == [[student.email], sorted([admin_a.email, member_a.email])]
    assert send_all() == 0, "each e-mail is sent once"


def test_an_invited_student_accepts_and_the_invitation_becomes_an_application(student, member_a, posting_a, profile):
    invitation = services.application_invite(posting=posting_a, profile=profile, actor=member_a, note="诚邀您申请。")
    assert invitation.stage == S.INVITED and invitation.origin == "invited"
    send_all()
    assert mail.outbox[0].to == [student.email]

    application = services.application_transition(application=invitation, action="accept", actor=student)
    assert application.stage == S.APPLIED
    assert stages(application) == [("", S.INVITED), (S.INVITED, S.APPLIED)]


def test_applying_to_a_posting_one_was_invited_to_accepts_the_invitation(student, member_a, posting_a, profile):
    services.application_invite(posting=posting_a, profile=profile, actor=member_a)
    application = services.application_apply(posting=posting_a, actor=student)
    assert application.stage == S.APPLIED and Application.objects.count() == 1


def test_a_student_declines_an_invitation_and_withdraws_an_application(student, member_a, posting_a, org_a, profile):
    invitation = services.application_invite(posting=posting_a, profile=profile, actor=member_a)
    assert services.application_transition(application=invitation, action="decline", actor=student).stage == S.DECLINED
    other = services.application_apply(posting=make_posting(org_a, title="装配钳工"), actor=student)
    assert services.application_transition(application=other, action="withdraw", actor=student).stage == S.WITHDRAWN


def test_a_withdrawn_application_can_be_made_again(student, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    services.application_transition(application=application, action="withdraw", actor=student)
    again = services.application_apply(posting=posting_a, actor=student)
    assert again.pk == application.pk and again.stage == S.APPLIED


@pytest.mark.parametrize("stage", [S.APPLIED, S.SHORTLISTED, S.INTERVIEW, S.OFFER])
def test_the_enterprise_rejects_at_any_open_stage(student, member_a, posting_a, profile, stage):
    application = services.application_apply(posting=posting_a, actor=student)
    Application.objects.filter(pk=application.pk).update(stage=stage)
    assert services.application_transition(application=application, action="reject", actor=member_a,
                                           note="岗位已招满。").stage == S.REJECTED


# --- refused -----------------------------------------------------------------------------


def test_a_step_the_stage_does_not_allow_is_refused_saying_why(student, member_a, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    with pytest.raises(ValidationError) as refused:
        services.application_transition(application=application, action="accept", actor=student)
    assert refused.value.messages == [zh("An application at the stage “%(stage)s” cannot take the step “%(action)s”.",
                                         stage=zh("Applied"), action=zh("Accept"))]
    services.application_transition(application=application, action="reject", actor=member_a)
    with pytest.raises(ValidationError):
        services.application_transition(application=application, action="offer", actor=member_a)
    assert Application.objects.get().stage == S.REJECTED


def test_one_side_cannot_take_the_other_sides_steps(student, member_a, teacher, school_admin, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    with pytest.raises(PermissionDenied) as refused:
        services.application_transition(application=application, action="shortlist", actor=student)
    assert str(refused.value) == zh("Only %(side)s can take the step “%(action)s” here.",
                                    side=zh("the enterprise"), action=zh("Shortlist"))
    services.application_transition(application=application, action="offer", actor=member_a)
    for someone in (member_a, teacher, school_admin):
        with pytest.raises(PermissionDenied):
            services.application_transition(application=application, action="accept", actor=someone)
    assert Application.objects.get().stage == S.OFFER


def test_enterprise_b_cannot_move_enterprise_as_applications(student, outsider, admin_b, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    for someone in (outsider, admin_b):
        with pytest.raises(PermissionDenied):
            services.application_transition(application=application, action="shortlist", actor=someone)


def test_an_interview_needs_a_time_to_come_and_a_place(student, member_a, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    with pytest.raises(ValidationError) as refused:
        services.application_transition(application=application, action="interview", actor=member_a,
                                        interview_at=timezone.now() - timedelta(hours=1))
    assert set(refused.value.message_dict) == {"interview_at", "interview_place"}


def test_applying_needs_a_profile_shown_to_someone(student, school, posting_a):
    with pytest.raises(ValidationError):
        services.application_apply(posting=posting_a, actor=student)
    make_profile(student, school, visibility=Visibility.NOBODY)
    with pytest.raises(ValidationError) as refused:
        services.application_apply(posting=posting_a, actor=student)
    assert "Choose who may see it" in refused.value.messages[0] or zh("Your profile is shown to no one. Choose who may "
        "see it (at least the enterprises you apply to) before you apply.") == refused.value.messages[0]
    assert not Application.objects.exists()


def test_only_open_published_postings_take_applications(student, org_a, profile):
    for posting in (make_posting(org_a, title="草稿", status=PostingStatus.DRAFT),
                    make_posting(org_a, title="已截止", deadline=timezone.localdate() - timedelta(days=1))):
        with pytest.raises(ValidationError):
            services.application_apply(posting=posting, actor=student)


def test_an_enterprise_invites_only_students_whose_profile_it_sees(student, school, member_a, posting_a):
    hidden = make_profile(student, school, visibility=Visibility.APPLIED)
    with pytest.raises(PermissionDenied):
        services.application_invite(posting=posting_a, profile=hidden, actor=member_a)


def test_enterprise_b_cannot_invite_to_enterprise_as_posting(outsider, posting_a, profile):
    with pytest.raises(PermissionDenied):
        services.application_invite(posting=posting_a, profile=profile, actor=outsider)


def test_the_school_reads_messages_but_does_not_write_them(student, member_a, teacher, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    services.application_message_send(application=application, actor=member_a, body="请带上成绩单。")
    services.application_message_send(application=application, actor=student, body="好的。")
    with pytest.raises(PermissionDenied):
        services.application_message_send(application=application, actor=teacher, body="加油！")
    send_all()
    assert [m.to for m in mail.outbox][-2:] == [[student.email], sorted(
        u.email for u in (member_a, posting_a.created_by))]


def test_placed_is_set_by_the_placement_service_after_acceptance(student, member_a, school_admin, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    with pytest.raises(ValidationError):
        services.application_mark_placed(application=application, actor=school_admin)
    Application.objects.filter(pk=application.pk).update(stage=S.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.application_mark_placed(application=application, actor=student)
    assert services.application_mark_placed(application=application, actor=school_admin).stage == S.PLACED


# --- who sees what -----------------------------------------------------------------------


def test_enterprise_b_never_sees_enterprise_as_applications(student, member_a, outsider, admin_b, posting_a, profile):
    application = services.application_apply(posting=posting_a, actor=student)
    assert list(access.applications_for(member_a)) == [application]
    for someone in (outsider, admin_b):
        assert not access.applications_for(someone).exists()


def test_the_student_and_their_school_see_the_application_and_another_school_does_not(
        student, teacher, school_admin, posting_a, profile, org_b):
    from members.models import OrganizationKind
    from members.tests.factories import OrganizationFactory

    application = services.application_apply(posting=posting_a, actor=student)
    other_school = OrganizationFactory(kind=OrganizationKind.HIGHER_VOCATIONAL, industry_id="P83")
    stranger = person(other_school, Role.ORG_ADMIN)
    other_student = person(other_school, Role.STUDENT)
    assert list(access.applications_for(student)) == [application]
    assert list(access.applications_for(teacher)) == [application]
    assert not access.applications_for(stranger).exists()
    assert not access.applications_for(other_student).exists()


def test_withdrawn_consent_hides_all_but_the_applications_the_student_keeps_open(
        student, school, member_a, org_a, posting_a, profile):
    """The decision: applying shows the profile to that enterprise for that application. After
    consent is withdrawn, the enterprise keeps an application the student made (or an invitation
    they accepted) while it is open; invitations not taken up and closed applications go."""
    applied = services.application_apply(posting=posting_a, actor=student)
    invited = services.application_invite(posting=make_posting(org_a, title="装配钳工"), profile=profile, actor=member_a)
    rejected = services.application_apply(posting=make_posting(org_a, title="质检员"), actor=student)
    services.application_transition(application=rejected, action="reject", actor=member_a)
    assert set(access.applications_for(member_a)) == {applied, invited, rejected}

    profile.visibility = Visibility.NOBODY
    profile.save()

    assert list(access.applications_for(member_a)) == [applied]
    assert not access.profiles_for(member_a).exists(), "the profile itself is gone from the enterprise's lists"
    services.application_transition(application=applied, action="withdraw", actor=student)
    assert not access.applications_for(member_a).exists()


def test_with_only_applied_to_consent_applying_is_what_shows_the_profile(student, school, member_a, posting_a):
    shown_on_applying = make_profile(student, school, visibility=Visibility.APPLIED)
    assert not access.profiles_for(member_a).exists()
    services.application_apply(posting=posting_a, actor=student)
    assert list(access.profiles_for(member_a)) == [shown_on_applying]


@pytest.mark.parametrize("stage_from,stage_to,by_student", [
    ("", S.INVITED, False), (S.INVITED, S.APPLIED, True), (S.INVITED, S.DECLINED, True), (S.APPLIED, S.SHORTLISTED, False),
    (S.OFFER, S.DECLINED, True), (S.APPLIED, S.REJECTED, False), (S.APPLIED, S.WITHDRAWN, True),
    (S.ACCEPTED, S.PLACED, False),
])
def test_every_step_reads_as_a_sentence_in_its_email(student, member_a, posting_a, profile, stage_from, stage_to,
                                                     by_student):
    from talent_matching.models import ApplicationEvent
    from talent_matching.services import applications_mail

    application = Application.objects.create(posting=posting_a, profile=profile, origin="applied", stage=stage_to)
    event = ApplicationEvent.objects.create(application=application, stage_from=stage_from, stage_to=stage_to,
                                            actor=student if by_student else member_a, note="附言。")
    assert applications_mail.event_notify(event_id=event.pk) == 1
    [message] = mail.outbox
    expected = {member_a.email, posting_a.created_by.email} if by_student else {student.email}
    assert set(message.to) == expected
    lines = [line for line in message.body.splitlines() if line.strip()]
    assert len(lines) >= 4, message.body  # greeting, what happened, the note, the link
    assert "附言。" in message.body and f"/talent/applications/{application.pk}/" in message.body
