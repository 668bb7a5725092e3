"""Postings' services: who may write them, what publishing asks for, the states a posting goes
through and what the audit trail keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from reference.models import Major
from talent_matching.models import Posting, PostingStatus
from talent_matching.services import postings as services
from talent_matching.services.postings import CertificateRow, SkillRow
from talent_matching.tests.postings_support import posting, skill

pytestmark = pytest.mark.django_db


def complete(**changes):
    data = {"title": "数控加工工艺员", "description": "负责数控加工工艺编制。", "salary_min": 6000, "salary_max": 8000,
            "deadline": timezone.localdate() + timedelta(days=20), "headcount": 3}
    data.update(changes)
    return data


def test_an_enterprise_s_hr_writes_a_draft_with_its_skills_majors_and_certificates(org_a, member_a):
    made = services.posting_create(
        organization=org_a, actor=member_a, data=complete(), majors=[Major.objects.get(code="4601")],
        skills=[SkillRow(skill("S-103"), 3, 5, True), SkillRow(skill("S-201"), 1, 2, False)],
        certificates=[CertificateRow("数控车铣加工职业技能等级证书", "中级", False)],
    )
    assert made.status == PostingStatus.DRAFT and made.created_by == member_a
    assert sorted(made.skills.values_list("skill__code", "required")) == [("S-103", True), ("S-201", False)]
    assert list(made.majors.values_list("code", flat=True)) == ["4601"]
    assert made.certificates.get().level == "中级"


def test_enterprise_b_never_writes_for_enterprise_a(org_a, outsider, admin_b, student, secretariat):
    for someone in (outsider, admin_b, student, secretariat):
        with pytest.raises(PermissionDenied):
            services.posting_create(organization=org_a, actor=someone, data=complete())
    assert not Posting.objects.exists()


def test_nor_changes_publishes_or_closes_its_postings(org_a, outsider, admin_b):
    draft = posting(org_a, status=PostingStatus.DRAFT)
    published = posting(org_a, title="订单班")
    for someone in (outsider, admin_b):
        with pytest.raises(PermissionDenied):
            services.posting_update(posting=draft, actor=someone, data={"title": "改了"})
        with pytest.raises(PermissionDenied):
            services.posting_publish(posting=draft, actor=someone)
        with pytest.raises(PermissionDenied):
            services.posting_close(posting=published, actor=someone)
        with pytest.raises(PermissionDenied):
            services.posting_copy(posting=published, actor=someone)
    draft.refresh_from_db()
    assert draft.title == "数控加工工艺员" and draft.status == PostingStatus.DRAFT


def test_an_upside_down_pay_range_or_period_is_refused_naming_the_field(org_a, member_a):
    with pytest.raises(ValidationError) as refused:
        services.posting_create(organization=org_a, actor=member_a, data=complete(salary_min=9000, salary_max=5000))
    assert "salary_max" in refused.value.message_dict
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.posting_create(organization=org_a, actor=member_a,
                                data=complete(starts_on=today + timedelta(days=30), ends_on=today))
    assert "ends_on" in refused.value.message_dict
    assert not Posting.objects.exists()


def test_publishing_says_everything_that_is_missing(org_a, member_a):
    draft = services.posting_create(organization=org_a, actor=member_a,
                                    data=complete(deadline=None, salary_min=None, salary_max=None))
    with pytest.raises(ValidationError) as refused:
        services.posting_publish(posting=draft, actor=member_a)
    problems = " ".join(refused.value.messages)
    assert "技能" in problems and "截止日期" in problems and "月薪" in problems
    draft.refresh_from_db()
    assert draft.status == PostingStatus.DRAFT and draft.published_at is None


def test_a_deadline_in_the_past_stops_publishing(org_a, member_a):
    draft = posting(org_a, status=PostingStatus.DRAFT, deadline_days=-1)
    with pytest.raises(ValidationError) as refused:
        services.posting_publish(posting=draft, actor=member_a)
    assert refused.value.messages == ["报名截止日期已过：请填写更晚的日期。"]


def test_publishing_and_closing_are_decisions_in_the_audit_trail(org_a, member_a):
    draft = posting(org_a, status=PostingStatus.DRAFT)
    published = services.posting_publish(posting=draft, actor=member_a)
    assert published.status == PostingStatus.PUBLISHED and published.published_at
    assert services.posting_publish(posting=draft, actor=member_a).published_at == published.published_at  # twice
    closed = services.posting_close(posting=draft, actor=member_a)
    assert closed.status == PostingStatus.CLOSED and closed.closed_at
    events = AuditEvent.objects.filter(event__startswith="posting.").order_by("pk")
    assert list(events.values_list("event", "actor_id", "organization_id")) == [
        ("posting.published", member_a.pk, org_a.pk), ("posting.closed", member_a.pk, org_a.pk)]


def test_a_draft_is_not_closed_and_a_closed_posting_is_neither_changed_nor_published(org_a, member_a):
    draft = posting(org_a, status=PostingStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.posting_close(posting=draft, actor=member_a)
    closed = posting(org_a, status=PostingStatus.CLOSED, title="旧岗位")
    with pytest.raises(ValidationError):
        services.posting_update(posting=closed, actor=member_a, data={"title": "新岗位"})
    with pytest.raises(ValidationError):
        services.posting_publish(posting=closed, actor=member_a)


def test_a_copy_is_a_new_draft_with_the_same_asks_and_no_dates(org_a, member_a):
    closed = posting(org_a, status=PostingStatus.CLOSED, majors=["460103"], skills=["S-103", "S-201"])
    copy = services.posting_copy(posting=closed, actor=member_a)
    assert copy.pk != closed.pk and copy.status == PostingStatus.DRAFT
    assert copy.deadline is None and copy.title.startswith(closed.title)
    assert sorted(copy.skills.values_list("skill__code", flat=True)) == ["S-103", "S-201"]
    assert list(copy.majors.values_list("code", flat=True)) == ["460103"]


def test_a_published_posting_stays_complete_when_changed(org_a, member_a):
    published = posting(org_a)
    with pytest.raises(ValidationError) as refused:
        services.posting_update(posting=published, actor=member_a, data={}, skills=[])
    assert any("技能" in message for message in refused.value.messages)
    assert published.skills.count() == 1
    services.posting_update(posting=published, actor=member_a, data={"headcount": 9},
                            skills=[SkillRow(skill("S-401"), 2, 3, False)])
    published.refresh_from_db()
    assert published.headcount == 9 and list(published.skills.values_list("skill__code", flat=True)) == ["S-401"]


def test_changing_rows_touches_only_the_rows_that_changed(org_a, member_a):
    draft = posting(org_a, status=PostingStatus.DRAFT, skills=["S-103", "S-201"])
    kept = draft.skills.get(skill__code="S-103")
    services.posting_update(posting=draft, actor=member_a, data={}, skills=[
        SkillRow(kept.skill, kept.level, kept.weight, kept.required), SkillRow(skill("S-401"), 3, 5, True)])
    assert draft.skills.get(skill__code="S-103").pk == kept.pk
    assert sorted(draft.skills.values_list("skill__code", flat=True)) == ["S-103", "S-401"]


def test_the_same_skill_twice_is_refused(org_a, member_a):
    with pytest.raises(ValidationError) as refused:
        services.posting_create(organization=org_a, actor=member_a, data=complete(),
                                skills=[SkillRow(skill(), 1, 3, False), SkillRow(skill(), 2, 3, True)])
    assert "skills" in refused.value.message_dict
