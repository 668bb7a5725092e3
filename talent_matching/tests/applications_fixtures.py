"""What the applications tests share: an open posting of enterprise A and of enterprise B, the
student's profile shown to the consortium's enterprises, the school's administrator, and a way
to run the e-mails the worker sends after commit."""

import pytest
from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from reference.models import EducationLevel, Major
from talent_matching.models import ApplicationEvent, ApplicationMessage, Posting, PostingStatus, StudentProfile, Visibility
from talent_matching.services import applications_mail


def make_posting(organization, title="数控设备调试技术员", **fields):
    return Posting.objects.create(
        organization=organization, title=title, description="负责数控设备的安装与调试。",
        status=fields.pop("status", PostingStatus.PUBLISHED), published_at=timezone.now(), **fields)


def make_profile(student, school, visibility=Visibility.CONSORTIUM, **fields):
    return StudentProfile.objects.create(
        student=student, school=school, major=Major.objects.get(code="460301"),
        education_level=EducationLevel.HIGHER, graduation_year=2026, visibility=visibility, **fields)


@pytest.fixture
def posting_a(org_a, admin_a):
    return make_posting(org_a, created_by=admin_a)


@pytest.fixture
def posting_b(org_b):
    return make_posting(org_b, title="电子装联工艺员")


@pytest.fixture
def profile(student, school):
    return make_profile(student, school)


@pytest.fixture
def school_admin(school):
    return person(school, Role.ORG_ADMIN, username="school_admin", email="placement@school.example.cn")


def send_all() -> int:
    """What the worker does after commit: every e-mail not yet sent (see test_applications_mail)."""
    sent = 0
    for pk in ApplicationEvent.objects.filter(notified_at__isnull=True).values_list("pk", flat=True):
        sent += applications_mail.event_notify(event_id=pk)
    for pk in ApplicationMessage.objects.filter(notified_at__isnull=True).values_list("pk", flat=True):
        sent += applications_mail.message_notify(message_id=pk)
    return sent
