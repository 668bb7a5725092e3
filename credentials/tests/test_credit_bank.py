"""学分银行: rules, earning, reversal on revocation, recognition by another school, and the
pages of each, in both languages."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from credentials import credit_bank, services
from credentials.models import (
    Achievement,
    AchievementKind,
    CreditMovement,
    CreditRule,
    RecognitionRequest,
    RecognitionStatus,
)
from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from reference.models import Major
from tests.fixtures import client_for
from transparency.models import LogEntry

pytestmark = pytest.mark.django_db

K = CreditMovement.Kind


@pytest.fixture
def other_school(db):
    return OrganizationFactory(kind=OrganizationKind.HIGHER_VOCATIONAL, industry_id="P83", name_zh="另一职业技术学院")


@pytest.fixture
def other_admin(other_school):
    return person(other_school, Role.ORG_ADMIN, username="other_admin")


@pytest.fixture
def robot_certificate(school):
    return Achievement.objects.create(
        issuer=school, kind=AchievementKind.SKILL_CERTIFICATE, name="工业机器人操作与运维", level="中级",
        major_code="460305", description="1+X 职业技能等级证书。", criteria="通过理论与实操考核。",
    )


def published(secretariat, **fields):
    rule = credit_bank.rule_save(rule=CreditRule(**fields), actor=secretariat)
    return credit_bank.rule_publish(rule=rule, actor=secretariat)


@pytest.fixture
def robot_rule(secretariat):
    return published(secretariat, kind="skill", level="中级", achievement_major="460305",
                     target_major="460305", credits=Decimal("4"))


@pytest.fixture
def diploma_rule(secretariat):
    return published(secretariat, kind="diploma", achievement_major="460301", target_major="4603",
                     credits=Decimal("10"))


@pytest.fixture
def certificate(robot_certificate, student, school_admin):
    return services.issue_credential(achievement=robot_certificate, holder=student, actor=school_admin)


# --- reference ---------------------------------------------------------------------------------


def test_the_catalogue_of_majors_is_shipped_with_its_families_and_classes():
    major = Major.objects.select_related("parent__parent").get(code="460305")
    assert major.name_zh == "工业机器人技术" and major.level == Major.Level.MAJOR
    assert major.parent.code == "4603" and major.parent.parent.name_zh == "装备制造大类"
    assert Major.objects.get(code="510201").name_zh == "计算机应用技术"


# --- rules ---------------------------------------------------------------------------------------


def test_only_the_secretariat_writes_and_publishes_rules(school_admin, student, secretariat):
    for outsider in (school_admin, student):
        with pytest.raises(PermissionDenied):
            credit_bank.rule_save(rule=CreditRule(kind="skill", target_major="4603", credits=2), actor=outsider)
    rule = credit_bank.rule_save(rule=CreditRule(kind="skill", target_major="4603", credits=2), actor=secretariat)
    with pytest.raises(PermissionDenied):
        credit_bank.rule_publish(rule=rule, actor=school_admin)
    assert not credit_bank.published_rules().exists()
    credit_bank.rule_publish(rule=rule, actor=secretariat)
    assert list(credit_bank.published_rules()) == [rule]
    credit_bank.rule_withdraw(rule=rule, actor=secretariat)
    assert not credit_bank.published_rules().exists()


def test_a_rule_names_majors_of_the_catalogue(secretariat):
    with pytest.raises(ValidationError) as error:
        credit_bank.rule_save(rule=CreditRule(kind="skill", target_major="999999", credits=2), actor=secretariat)
    assert "target_major" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        credit_bank.rule_save(rule=CreditRule(kind="skill", target_major="4603", achievement_major="46030",
                                              credits=2), actor=secretariat)
    assert "achievement_major" in error.value.message_dict


def test_a_published_rule_is_withdrawn_before_it_changes(robot_rule, secretariat):
    robot_rule.credits = Decimal("6")
    with pytest.raises(ValidationError):
        credit_bank.rule_save(rule=robot_rule, actor=secretariat)


def test_rules_match_by_kind_level_and_major(robot_certificate, diploma):
    assert credit_bank.rule_matches(CreditRule(kind="skill", level="中级", achievement_major="4603"), robot_certificate)
    assert credit_bank.rule_matches(CreditRule(kind="skill"), robot_certificate)
    assert not credit_bank.rule_matches(CreditRule(kind="skill", level="高级"), robot_certificate)
    assert not credit_bank.rule_matches(CreditRule(kind="skill", achievement_major="5102"), robot_certificate)
    assert not credit_bank.rule_matches(CreditRule(kind="skill"), diploma)


# --- earning -------------------------------------------------------------------------------------


def test_credits_are_earned_once_per_credential_and_rule_and_logged(certificate, robot_rule, diploma_rule,
                                                                   student, school):
    assert [(e.credential, e.rule) for e in credit_bank.credits_for(student)] == [(certificate, robot_rule)]
    [movement] = credit_bank.earn_credits(student=student, actor=student)
    assert (movement.kind, movement.credits, movement.school, movement.major) == (K.EARNED, 4, school, "460305")
    entry = LogEntry.objects.get(index=movement.log_index)
    assert entry.kind == "credit.earned" and entry.digest == credit_bank.movement_digest(movement)
    assert credit_bank.earn_credits(student=student, actor=student) == []
    assert CreditMovement.objects.count() == 1


def test_a_movement_changed_behind_the_portals_back_is_named_by_verify_log(certificate, robot_rule, student):
    from transparency.verification import verify_log

    [movement] = credit_bank.earn_credits(student=student, actor=student)
    assert verify_log().ok
    CreditMovement.objects.filter(pk=movement.pk).update(credits=40)
    assert credit_bank.movement_ref(movement) in verify_log().changed_objects


def test_nobody_else_earns_for_a_student(certificate, robot_rule, student, school_admin):
    with pytest.raises(PermissionDenied):
        credit_bank.earn_credits(student=student, actor=school_admin)


def test_a_suspended_credential_earns_nothing(certificate, robot_rule, student, school_admin):
    services.set_status(credential=certificate, actor=school_admin, status="suspended", reason="核查中")
    assert credit_bank.credits_for(student) == []


def test_revoking_a_credential_reverses_its_credits_and_refuses_its_requests(
        certificate, robot_rule, student, school_admin, other_school, other_admin):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    credit_bank.decide_recognition(request=request, actor=other_admin, accept=True)
    services.set_status(credential=certificate, actor=school_admin, status="revoked", reason="证书作废")
    reversals = CreditMovement.objects.filter(kind=K.REVERSED)
    assert sorted(m.credits for m in reversals) == [-4, -4]
    assert {m.reverses.kind for m in reversals} == {K.EARNED, K.RECOGNISED}
    assert set(LogEntry.objects.filter(index__in=[m.log_index for m in reversals]).values_list("kind", flat=True)) \
        == {"credit.reversed"}
    account = student.credit_account
    assert credit_bank.balances(account) == []
    assert credit_bank.reverse_credential(credential=certificate, actor=None) == []  # safe to repeat


def test_a_pending_request_is_refused_when_the_credential_is_revoked(certificate, robot_rule, student,
                                                                    school_admin, other_school):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    services.set_status(credential=certificate, actor=school_admin, status="revoked", reason="证书作废")
    request.refresh_from_db()
    assert request.status == RecognitionStatus.REFUSED and request.reason


# --- recognition ---------------------------------------------------------------------------------


def test_a_school_recognises_credits_and_the_movement_is_logged(certificate, robot_rule, student, other_school,
                                                               other_admin):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    assert request.credits == 4 and request.status == RecognitionStatus.PENDING
    with pytest.raises(ValidationError):
        credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    credit_bank.decide_recognition(request=request, actor=other_admin, accept=True)
    movement = CreditMovement.objects.get(kind=K.RECOGNISED)
    assert (movement.school, movement.credits, movement.request) == (other_school, 4, request)
    assert LogEntry.objects.get(index=movement.log_index).kind == "credit.recognised"
    assert {row["school_id"] for row in credit_bank.balances(student.credit_account)} == {earned.school_id, other_school.pk}
    with pytest.raises(ValidationError):
        credit_bank.decide_recognition(request=request, actor=other_admin, accept=False, reason="x")


def test_a_student_asks_only_another_member_school(certificate, robot_rule, student, school, org_a):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    for target in (school, org_a):
        with pytest.raises(ValidationError):
            credit_bank.request_recognition(student=student, movement=earned, school=target, actor=student)


def test_refusing_needs_a_reason_and_only_the_addressed_school_decides(
        certificate, robot_rule, student, other_school, other_admin, school_admin, secretariat):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    for outsider in (school_admin, secretariat, student):
        with pytest.raises(PermissionDenied):
            credit_bank.decide_recognition(request=request, actor=outsider, accept=True)
    with pytest.raises(ValidationError) as error:
        credit_bank.decide_recognition(request=request, actor=other_admin, accept=False, reason=" ")
    assert "reason" in error.value.message_dict
    credit_bank.decide_recognition(request=request, actor=other_admin, accept=False, reason="课程内容不对应。")
    request.refresh_from_db()
    assert request.status == RecognitionStatus.REFUSED and not CreditMovement.objects.filter(kind=K.RECOGNISED)


def test_nobody_asks_on_a_students_behalf(certificate, robot_rule, student, other_school, other_admin):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    with pytest.raises(PermissionDenied):
        credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=other_admin)


# --- pages ---------------------------------------------------------------------------------------


@pytest.fixture(params=["zh-hans", "en"])
def language(request):
    return request.param


def get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


def test_the_public_rules_page_lists_published_rules_by_name(client, robot_rule, language):
    page = get(client, reverse("credentials:credit_rules"), language).content.decode()
    assert ("工业机器人技术" if language == "zh-hans" else "Industrial robot technology") in page
    assert ("转换规则" if language == "zh-hans" else "Credit conversion rules") in page
    assert "工业机器人技术" not in get(client, reverse("credentials:credit_rules") + "?major=5102", language).content.decode()


def test_the_secretariat_writes_publishes_and_withdraws_a_rule(secretariat, language):
    client = client_for(secretariat)
    url = reverse("credentials:credit_rule_create")
    assert get(client, url, language).status_code == 200
    response = client.post(url, {"kind": "diploma", "level": "", "achievement_major": "460301",
                                 "target_major": "4603", "credits": "10", "note": ""})
    assert response.status_code == 302
    rule = CreditRule.objects.get()
    publish = reverse("credentials:credit_rule_action", args=[rule.pk, "publish"])
    assert get(client, publish, language).status_code == 200  # the confirmation
    client.post(publish)
    rule.refresh_from_db()
    assert rule.published_at
    client.post(reverse("credentials:credit_rule_action", args=[rule.pk, "withdraw"]))
    rule.refresh_from_db()
    assert rule.withdrawn_at


def test_a_bad_major_code_is_named_on_the_form(secretariat, language):
    response = client_for(secretariat).post(reverse("credentials:credit_rule_create"), {
        "kind": "diploma", "target_major": "999999", "credits": "10", **({"language": language})})
    assert response.status_code == 200 and "999999" in response.content.decode()


def test_the_student_sees_their_account_and_asks_for_recognition(
        certificate, robot_rule, student, other_school, language, django_assert_max_num_queries):
    client = client_for(student)
    url = reverse("credentials:credit_account")
    client.get(url)  # opens the account and records the credits
    with django_assert_max_num_queries(30):
        page = get(client, url, language).content.decode()
    assert ("工业机器人技术" if language == "zh-hans" else "Industrial robot technology") in page
    movement = CreditMovement.objects.get()
    response = client.post(reverse("credentials:credit_request"), {"movement": movement.pk, "school": other_school.pk})
    assert response.status_code == 302
    assert RecognitionRequest.objects.get().school == other_school
    page = get(client, url, language).content.decode()
    assert ("等待学校审核" if language == "zh-hans" else "Waiting for the school") in page


def test_the_school_decides_from_its_queue(certificate, robot_rule, student, other_school, other_admin, language,
                                          django_assert_max_num_queries):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    for _n in range(3):
        request = credit_bank.request_recognition(student=student, movement=earned, school=other_school,
                                                  actor=student)
        RecognitionRequest.objects.filter(pk=request.pk).update(status="refused", decided_at=request.requested_at)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    client = client_for(other_admin)
    with django_assert_max_num_queries(25):
        page = get(client, reverse("credentials:recognition_queue"), language).content.decode()
    assert student.full_name in page
    decide = reverse("credentials:recognition_decide", args=[request.pk])
    page = get(client, decide, language).content.decode()
    assert f"#{certificate.log_index}" in page
    response = client.post(decide, {"decision": "refuse", "reason": ""})
    assert response.status_code == 200
    response = client.post(decide, {"decision": "accept", "reason": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RecognitionStatus.ACCEPTED


def test_a_school_sees_only_requests_addressed_to_it(certificate, robot_rule, student, other_school, school_admin):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    client = client_for(school_admin)
    assert client.get(reverse("credentials:recognition_decide", args=[request.pk])).status_code == 404
    assert student.full_name not in client.get(reverse("credentials:recognition_queue")).content.decode()


def test_the_menu_leads_students_and_school_admins_to_the_credit_bank(student, school_admin, secretariat):
    assert reverse("credentials:credit_rule_manage") in client_for(secretariat).get("/").content.decode()
    assert reverse("credentials:credit_account") in client_for(student).get("/").content.decode()
    home = client_for(school_admin).get("/").content.decode()
    assert reverse("credentials:recognition_queue") in home
    assert reverse("credentials:credit_account") not in home


# --- demo ----------------------------------------------------------------------------------------


def test_the_demo_student_has_credits_and_a_request_pending_at_another_school():
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    assert credit_bank.published_rules().count() == 6
    movements = CreditMovement.objects.filter(account__holder__username="student")
    # Her certificate, her course and her first prize at the city's skill competition (training's demo).
    assert sorted((m.kind, m.credits, m.major) for m in movements) == [
        (K.EARNED, 2, "4603"), (K.EARNED, 3, "46"), (K.EARNED, 4, "460305")]
    request = RecognitionRequest.objects.get()
    assert request.credential.achievement.name == "工业机器人操作与运维"
    assert request.status == RecognitionStatus.PENDING and request.school.name_zh == "江南职业技术大学"
    admin = request.school.memberships.filter(user__username="admin_bachelor").first().user  # administrator and council representative
    page = client_for(admin).get(reverse("credentials:recognition_queue")).content.decode()
    assert "张子涵" in page
    call_command("verify_log", stdout=StringIO())


# --- API -----------------------------------------------------------------------------------------


def test_the_api_lists_published_rules_and_movements_in_scope(api_client, certificate, robot_rule, secretariat,
                                                             student, other_school, other_admin, admin_a):
    draft = credit_bank.rule_save(rule=CreditRule(kind="award", target_major="46", credits=3), actor=secretariat)
    rules = api_client(admin_a).get("/api/v1/credit-rules/").json()["results"]
    assert [row["id"] for row in rules] == [robot_rule.pk] and draft.pk not in [row["id"] for row in rules]
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    credit_bank.decide_recognition(request=request, actor=other_admin, accept=True)
    mine = api_client(student).get("/api/v1/credit-movements/").json()["results"]
    assert {row["kind"] for row in mine} == {"earned", "recognised"}
    theirs = api_client(other_admin).get("/api/v1/credit-movements/").json()["results"]
    assert [row["kind"] for row in theirs] == ["recognised"] and theirs[0]["log_index"] is not None
    assert api_client(admin_a).get("/api/v1/credit-movements/").json()["results"] == []
    assert api_client(admin_a).get(f"/api/v1/credit-movements/{earned.pk}/").status_code == 404
    assert api_client().get("/api/v1/credit-movements/").status_code == 401


def test_the_student_reads_the_schools_refusal_and_its_reason(certificate, robot_rule, student, other_school,
                                                             other_admin, language):
    [earned] = credit_bank.earn_credits(student=student, actor=student)
    request = credit_bank.request_recognition(student=student, movement=earned, school=other_school, actor=student)
    credit_bank.decide_recognition(request=request, actor=other_admin, accept=False, reason="课程内容不对应。")
    page = get(client_for(student), reverse("credentials:credit_account"), language).content.decode()
    assert "课程内容不对应。" in page and ("未认定" if language == "zh-hans" else "Refused") in page
