"""The applications pages as people use them: the student applies, reads the history and
answers; the enterprise takes the steps; the school reads; outsiders find nothing. Each list
costs the same number of queries however long it is."""

from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from talent_matching.models import Application, ApplicationStage as S, Visibility
from talent_matching.services import applications as services
from talent_matching.tests import applications_fixtures as fx
from talent_matching.tests.applications_fixtures import make_posting, make_profile, send_all
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, shows, zh

pytestmark = pytest.mark.django_db
posting_a, profile, school_admin = fx.posting_a, fx.profile, fx.school_admin


@pytest.fixture
def applied(student, posting_a, profile):
    return services.application_apply(posting=posting_a, actor=student)


def test_the_apply_page_says_plainly_that_applying_shows_the_profile(student, school, posting_a):
    make_profile(student, school, visibility=Visibility.APPLIED)
    page = client_for(student).get(reverse("talent:application_apply", args=[posting_a.pk]))

    statement = part(page, "consent-statement").text
    assert zh("Applying shows your profile to %(enterprise)s.", enterprise="甲企业有限公司") in statement
    assert zh("You chose to show your profile only to the enterprises you apply to: applying is exactly what "
              "lets this enterprise see it.") in statement


def test_a_student_applies_through_the_page(student, posting_a, profile):
    response = client_for(student).post(reverse("talent:application_apply", args=[posting_a.pk]),
                                        {"note": "可随时到岗。"})
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == reverse("talent:application_detail", args=[application.pk])
    assert application.stage == S.APPLIED


def test_a_student_whose_profile_is_shown_to_no_one_is_told_to_choose_first(student, school, posting_a):
    make_profile(student, school, visibility=Visibility.NOBODY)
    client = client_for(student)
    page = client.get(reverse("talent:application_apply", args=[posting_a.pk]))
    assert part(page, "consent-needed")
    response = client.post(reverse("talent:application_apply", args=[posting_a.pk]), {"note": ""})
    assert response.status_code == 200 and not Application.objects.exists()


def test_the_enterprise_moves_an_application_and_the_student_answers_on_the_pages(
        student, member_a, applied, school_admin):
    hr, pupil = client_for(member_a), client_for(student)
    detail = reverse("talent:application_detail", args=[applied.pk])
    assert zh("Shortlist") in part(hr.get(detail), "actions").text

    hr.post(reverse("talent:application_step", args=[applied.pk, "shortlist"]), {"note": "初筛通过。"})
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = hr.post(reverse("talent:application_step", args=[applied.pk, "interview"]),
                       {"interview_at": when, "interview_place": "二号楼 301", "note": ""})
    assert response.status_code == 302
    page = pupil.get(detail)
    assert "二号楼 301" in part(page, "interview").text
    assert zh("Shortlisted") in part(page, "history").text and "初筛通过。" in part(page, "history").text

    hr.post(reverse("talent:application_step", args=[applied.pk, "offer"]), {"note": ""})
    assert zh("Accept the offer") in part(pupil.get(detail), "actions").text
    response = pupil.post(reverse("talent:application_step", args=[applied.pk, "accept"]), {"note": "谢谢！"}, follow=True)
    assert Application.objects.get().stage == S.ACCEPTED
    assert messages_on(response)[0].startswith(zh("Done: the application is now at the stage “%(stage)s”. The other "
                                                  "side is told by e-mail.", stage=zh("Accepted"))[:10])


def test_an_interview_without_time_or_place_shows_the_form_again(member_a, applied):
    response = client_for(member_a).post(reverse("talent:application_step", args=[applied.pk, "interview"]),
                                         {"interview_at": "", "interview_place": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert Application.objects.get().stage == S.APPLIED


def test_a_refused_step_says_why_and_changes_nothing(student, member_a, applied):
    response = client_for(student).post(reverse("talent:application_step", args=[applied.pk, "shortlist"]),
                                        {"note": ""}, follow=True)
    assert messages_on(response) == [zh("Only %(side)s can take the step “%(action)s” here.",
                                        side=zh("the enterprise"), action=zh("Shortlist"))]
    response = client_for(member_a).post(reverse("talent:application_step", args=[applied.pk, "accept"]),
                                         {"note": ""}, follow=True)
    assert len(messages_on(response)) == 1
    assert Application.objects.get().stage == S.APPLIED


def test_messages_go_between_the_two_sides_and_the_school_reads_them(student, member_a, teacher, applied):
    detail = reverse("talent:application_detail", args=[applied.pk])
    client_for(member_a).post(reverse("talent:application_message", args=[applied.pk]), {"body": "请带上成绩单。"})
    client_for(student).post(reverse("talent:application_message", args=[applied.pk]), {"body": "好的，谢谢。"})
    school_page = client_for(teacher).get(detail)
    assert "请带上成绩单。" in part(school_page, "messages").text and "好的，谢谢。" in part(school_page, "messages").text
    assert not shows(school_page, zh("Send the message"))
    response = client_for(teacher).post(reverse("talent:application_message", args=[applied.pk]), {"body": "加油"})
    assert response.status_code == 302 and applied.messages.count() == 2
    mail.outbox.clear()
    send_all()
    assert {tuple(m.to) for m in mail.outbox} >= {(student.email,)}


def test_the_invite_button_leads_to_the_invitation_which_the_student_sees(student, member_a, posting_a, profile):
    button = render_to_string("talent_matching/applications/_invite_button.html", {"posting": posting_a, "profile": profile})
    url = reverse("talent:application_invite", args=[posting_a.pk, profile.pk])
    assert url in button
    response = client_for(member_a).post(url, {"note": "诚邀您申请。"})
    invitation = Application.objects.get()
    assert response.status_code == 302 and invitation.stage == S.INVITED
    page = client_for(student).get(reverse("talent:my_applications"))
    assert part(page, "invitations-waiting") and posting_a.title in part(page, "applications-table").text


def test_an_enterprise_cannot_invite_a_profile_it_does_not_see(student, school, member_a, posting_a):
    hidden = make_profile(student, school, visibility=Visibility.APPLIED)
    url = reverse("talent:application_invite", args=[posting_a.pk, hidden.pk])
    assert client_for(member_a).get(url).status_code == 404
    assert client_for(member_a).post(url, {"note": ""}).status_code == 404


def test_outsiders_find_nothing(outsider, admin_b, officer, applied):
    detail = reverse("talent:application_detail", args=[applied.pk])
    for someone in (outsider, admin_b, officer, None):
        client = client_for(someone)
        assert client.get(detail).status_code in (404, 302)
        assert client.post(reverse("talent:application_step", args=[applied.pk, "reject"]), {}).status_code in (404, 302)
    assert Application.objects.get().stage == S.APPLIED
    page = client_for(outsider).get(reverse("talent:received_applications"))
    assert not part(page, "applications-table").links


# --- lists, filters and their cost -----------------------------------------------------------


def _many(org_a, school, n, *, start=0):
    for i in range(start, start + n):
        posting = make_posting(org_a, title=f"岗位{i}")
        student = person(school, Role.STUDENT, full_name=f"学生{i}")
        make_profile(student, school)
        services.application_apply(posting=posting, actor=student)


def test_the_enterprise_list_filters_by_posting_stage_and_student(student, member_a, applied, posting_a, org_a, school):
    _many(org_a, school, 3)
    client = client_for(member_a)
    url = reverse("talent:received_applications")
    assert len(part(client.get(url), "applications-table").links) == 4
    assert part(client.get(url, {"posting": posting_a.pk}), "applications-table").links == [
        reverse("talent:application_detail", args=[applied.pk])]
    assert len(part(client.get(url, {"q": "学生1"}), "applications-table").links) == 1
    assert not part(client.get(url, {"stage": "offer"}), "applications-table").links


def test_the_student_list_filters_by_stage(student, member_a, applied):
    services.application_transition(application=applied, action="reject", actor=member_a)
    client = client_for(student)
    url = reverse("talent:my_applications")
    assert len(part(client.get(url, {"stage": "rejected"}), "applications-table").links) == 1
    assert not part(client.get(url, {"stage": "open"}), "applications-table").links


@pytest.mark.parametrize("who,url_name", [
    ("student", "talent:my_applications"),
    ("member_a", "talent:received_applications"),
    ("teacher", "talent:school_applications"),
])
def test_each_list_costs_the_same_queries_for_30_applications_as_for_3(request, who, url_name, org_a, school, student,
                                                                       member_a, teacher):
    viewer = request.getfixturevalue(who)
    _many(org_a, school, 3)
    make_profile(student, school)
    for i in range(3):
        services.application_apply(posting=make_posting(org_a, title=f"另一岗位{i}"), actor=student)
    client = client_for(viewer)
    few = queries_for(client, reverse(url_name), stage="open")
    _many(org_a, school, 27, start=3)
    for i in range(3, 30):
        services.application_apply(posting=make_posting(org_a, title=f"另一岗位{i}"), actor=student)
    many = queries_for(client, reverse(url_name), stage="open")
    assert few == many <= 12


def test_the_lists_paginate(member_a, org_a, school):
    _many(org_a, school, 27)
    page = client_for(member_a).get(reverse("talent:received_applications"), {"page": 2})
    assert len(part(page, "applications-table").links) == 2


# --- consent withdrawn, home page --------------------------------------------------------------


def test_after_consent_is_withdrawn_the_enterprise_keeps_only_what_the_student_keeps_open(
        student, member_a, org_a, applied, profile):
    closed = services.application_apply(posting=make_posting(org_a, title="质检员"), actor=student)
    services.application_transition(application=closed, action="reject", actor=member_a)
    profile.visibility = Visibility.NOBODY
    profile.save()

    client = client_for(member_a)
    listed = part(client.get(reverse("talent:received_applications")), "applications-table").links
    assert listed == [reverse("talent:application_detail", args=[applied.pk])]
    page = client.get(listed[0])
    basics = part(page, "profile-basics")
    assert student.display_name in basics.text and not basics.links, "the basics, not a link to the whole profile"
    assert client.get(reverse("talent:application_detail", args=[closed.pk])).status_code == 404


def test_the_home_page_counts_what_waits_for_each_side(student, member_a, teacher, applied, org_a, profile):
    services.application_invite(posting=make_posting(org_a, title="装配钳工"), profile=profile, actor=member_a)
    for who, title in ((student, "My applications"), (member_a, "Applications to our postings"),
                       (teacher, "Our students' applications")):
        home = client_for(who).get(reverse("home"))
        assert shows(home, zh(title)), who
    engineer_home = client_for(person(org_a, Role.ENGINEER)).get(reverse("home"))
    assert not shows(engineer_home, zh("Applications to our postings"))


def test_an_applications_page_costs_the_same_queries_with_a_long_history(student, member_a, applied):
    client = client_for(member_a)
    url = reverse("talent:application_detail", args=[applied.pk])
    services.application_message_send(application=applied, actor=student, body="您好")
    short = queries_for(client, url)
    for n in range(10):
        services.application_message_send(application=applied, actor=member_a if n % 2 else student, body=f"第{n}条")
    services.application_transition(application=applied, action="shortlist", actor=member_a)
    long = queries_for(client, url)
    assert short == long
