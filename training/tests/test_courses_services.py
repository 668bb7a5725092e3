"""Co-developed courses' services: who may propose, write, submit, review and run a course; the
workflow from proposal to approval and retirement; versions kept and locked; chapters keeping
their own versions; credits for the partners; courses flagged when a standard they cite gets a
new version."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from consortium.governance.models import Contribution
from core.models import AuditEvent
from members.models import Role
from members.tests.factories import OrganizationFactory, person
from training import events
from training.models import (
    CourseStatus, CourseUnit, CourseVersion, ReviewDecision, Standard, StandardKind, VersionStatus,
)
from training.services import courses as services
from training.tests.courses_support import a_course, approved_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def engineer_b(org_b):
    return person(org_b, Role.ENGINEER, username="engineer_b")


def test_a_teacher_proposes_a_course_with_a_first_draft(teacher, school, org_a):
    course = a_course(teacher, school, [org_a])
    assert course.status == CourseStatus.PROPOSED
    version = course.versions.get()
    assert (version.number, version.status, version.units.count()) == (1, VersionStatus.DRAFT, 2)
    assert AuditEvent.objects.filter(event="course.proposed").exists()


def test_a_student_or_an_enterprise_cannot_propose(student, admin_a, school, org_a):
    for actor in (student, admin_a):
        with pytest.raises(PermissionDenied):
            a_course(actor, school, [org_a])


def test_a_proposal_needs_a_partner_enterprise(teacher, school):
    with pytest.raises(ValidationError) as error:
        a_course(teacher, school, [])
    assert "partners" in error.value.message_dict
    with pytest.raises(ValidationError):
        a_course(teacher, school, [school])


def test_partners_co_author_the_draft_but_outsiders_do_not(teacher, school, org_a, admin_a, member_a, outsider):
    course = a_course(teacher, school, [org_a])
    version = services.open_version(course)
    services.unit_save(version=version, actor=member_a, order=3, title="企业案例单元", hours=8)
    assert version.units.count() == 3
    with pytest.raises(PermissionDenied):
        services.unit_save(version=version, actor=outsider, order=4, title="外人", hours=8)
    with pytest.raises(ValidationError) as error:
        services.unit_save(version=version, actor=admin_a, order=3, title="重复位置", hours=8)
    assert "order" in error.value.message_dict


def test_submitting_needs_units_within_the_course_hours(teacher, school, org_a):
    course = a_course(teacher, school, [org_a], units=0)
    with pytest.raises(ValidationError):
        services.course_submit(course=course, actor=teacher)
    version = services.open_version(course)
    services.unit_save(version=version, actor=teacher, order=1, title="太长", hours=80)
    with pytest.raises(ValidationError):
        services.course_submit(course=course, actor=teacher)


def test_every_partner_approves_before_the_course_is_approved_and_each_is_credited(
        teacher, school, org_a, org_b, admin_a, engineer_b):
    course = a_course(teacher, school, [org_a, org_b])
    services.course_submit(course=course, actor=teacher, note="第一版")
    course.refresh_from_db()
    assert course.status == CourseStatus.IN_REVIEW
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.APPROVE)
    course.refresh_from_db()
    assert course.status == CourseStatus.IN_REVIEW
    with pytest.raises(ValidationError):
        services.course_review(course=course, actor=admin_a, decision=ReviewDecision.APPROVE)
    services.course_review(course=course, actor=engineer_b, decision=ReviewDecision.APPROVE)
    course.refresh_from_db()
    assert course.status == CourseStatus.APPROVED
    assert course.versions.get().status == VersionStatus.APPROVED
    credited = Contribution.objects.filter(kind="course_codeveloped")
    assert sorted(credited.values_list("organization_id", flat=True)) == sorted([org_a.pk, org_b.pk])
    assert AuditEvent.objects.filter(event="course.approved").exists()


def test_the_school_cannot_review_its_own_course(teacher, school, org_a):
    course = a_course(teacher, school, [org_a])
    services.course_submit(course=course, actor=teacher)
    with pytest.raises(PermissionDenied):
        services.course_review(course=course, actor=teacher, decision=ReviewDecision.APPROVE)


def test_requesting_changes_returns_the_version_and_opens_a_copy(teacher, school, org_a, admin_a):
    course = a_course(teacher, school, [org_a])
    services.course_submit(course=course, actor=teacher)
    with pytest.raises(ValidationError) as error:
        services.course_review(course=course, actor=admin_a, decision=ReviewDecision.CHANGES)
    assert "comment" in error.value.message_dict
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.CHANGES, comment="加一个案例")
    course.refresh_from_db()
    assert course.status == CourseStatus.PROPOSED
    v1, v2 = course.versions.order_by("number")
    assert (v1.status, v2.status, v2.based_on_id) == (VersionStatus.RETURNED, VersionStatus.DRAFT, v1.pk)
    assert v2.units.count() == 2
    with pytest.raises(ValidationError):
        services.unit_save(version=v1, actor=teacher, order=5, title="改旧版", hours=2)


def test_a_new_approved_version_supersedes_the_old_and_chapters_keep_their_own_versions(
        teacher, school, org_a, admin_a):
    course = a_course(teacher, school, [org_a])
    v1 = services.open_version(course)
    services.chapter_save(version=v1, actor=teacher, number=1, title="安全", body="规程")
    services.chapter_save(version=v1, actor=teacher, number=2, title="编程", body="示教")
    services.course_submit(course=course, actor=teacher)
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.APPROVE)
    services.course_put_in_use(course=course, actor=teacher)
    v2 = services.course_new_version(course=course, actor=teacher)
    services.chapter_save(version=v2, actor=admin_a, chapter=v2.chapters.get(number=2), number=2, title="编程",
                          body="示教与离线编程")
    services.chapter_save(version=v2, actor=admin_a, chapter=v2.chapters.get(number=1), number=1, title="安全",
                          body="规程")
    assert dict(v2.chapters.values_list("number", "revision")) == {1: 1, 2: 2}
    services.course_submit(course=course, actor=teacher)
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.APPROVE)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (VersionStatus.SUPERSEDED, VersionStatus.APPROVED)
    # Credited once per partner, however many versions are approved.
    assert Contribution.objects.filter(kind="course_codeveloped").count() == 1


def test_the_database_keeps_one_approved_version_and_approved_versions_locked(teacher, school, org_a, admin_a):
    course = approved_course(teacher, school, {org_a: admin_a})
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseVersion.objects.create(course=course, number=9, status=VersionStatus.APPROVED)
    unit = CourseUnit.objects.filter(version__course=course).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseUnit.objects.filter(pk=unit.pk).update(title="偷偷改")
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseVersion.objects.filter(course=course).update(status=VersionStatus.DRAFT)


def test_putting_in_use_and_retiring_are_the_schools(teacher, school, org_a, admin_a):
    course = approved_course(teacher, school, {org_a: admin_a})
    with pytest.raises(PermissionDenied):
        services.course_put_in_use(course=course, actor=admin_a)
    services.course_put_in_use(course=course, actor=teacher)
    with pytest.raises(ValidationError):
        services.course_retire(course=course, actor=teacher, reason=" ")
    services.course_retire(course=course, actor=teacher, reason="专业调整")
    course.refresh_from_db()
    assert (course.status, course.retired_reason) == (CourseStatus.RETIRED, "专业调整")
    assert AuditEvent.objects.filter(event="course.retired").exists()


def test_a_new_version_of_a_cited_standard_flags_the_course_until_the_next_approval(
        teacher, school, org_a, admin_a):
    old = Standard.objects.create(owner=org_a, kind=StandardKind.ENTERPRISE, code="Q/TEST 1", title="测试标准",
                                  issuing_body="甲", version="2019", effective_on=date(2019, 1, 1))
    other = a_course(teacher, school, [org_a], title="不引用的课程")
    course = a_course(teacher, school, [org_a])
    unit = services.open_version(course).units.first()
    services.unit_save(version=unit.version, actor=teacher, unit=unit, order=unit.order, title=unit.title,
                       hours=unit.hours, standards=[old])
    services.course_submit(course=course, actor=teacher)
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.APPROVE)
    Standard.objects.filter(pk=old.pk).update(is_current=False)
    new = Standard.objects.create(owner=org_a, kind=StandardKind.ENTERPRISE, code="Q/TEST 1", title="测试标准",
                                  issuing_body="甲", version="2024", effective_on=date(2024, 1, 1), replaces=old)
    events.standard_versioned.send(sender=Standard, standard=new, previous=old, actor=admin_a)
    course.refresh_from_db()
    other.refresh_from_db()
    assert course.needs_review and "Q/TEST 1-2019" in course.review_reason
    assert not other.needs_review
    services.course_new_version(course=course, actor=teacher)
    services.course_submit(course=course, actor=teacher)
    services.course_review(course=course, actor=admin_a, decision=ReviewDecision.APPROVE)
    course.refresh_from_db()
    assert not course.needs_review and course.review_reason == ""


def test_resources_attached_are_shared_or_the_authors_own(teacher, school, org_a, org_b):
    from training.models import TeachingResource

    course = a_course(teacher, school, [org_a])
    shared = TeachingResource.objects.create(owner=org_b, title="共享课件", kind="slides", licence="cc_by",
                                             url="https://example.cn/a")
    private = TeachingResource.objects.create(owner=org_b, title="私有课件", kind="slides", licence="owner",
                                              url="https://example.cn/b", is_shared=False)
    version = services.open_version(course)
    services.version_resources_set(version=version, actor=teacher, resources=[shared])
    assert list(version.resources.all()) == [shared]
    with pytest.raises(ValidationError):
        services.version_resources_set(version=version, actor=teacher, resources=[private])


def test_a_case_comes_from_a_partner(teacher, school, org_a):
    course = a_course(teacher, school, [org_a])
    unit = services.open_version(course).units.first()
    case = services.case_add(unit=unit, actor=teacher, text="真实项目", enterprise=org_a)
    assert case.enterprise == org_a
    with pytest.raises(ValidationError):
        services.case_add(unit=unit, actor=teacher, text="别家", enterprise=OrganizationFactory())
