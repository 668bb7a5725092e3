"""Plans as the services keep them: the secretariat writes and adopts them; the owners'
administrators report their items' status; a plan's completion is the share of its items done,
computed by the database."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortium.governance.models import Plan, PlanItemStatus, PlanKind, PlanStatus
from consortium.governance.services import plans as services
from consortium.governance.tests.actions_support import resolution
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(secretariat):
    return services.plan_create(actor=secretariat, year=2026, kind=PlanKind.WORK, title="2026 年度工作计划")


def _item(plan, secretariat, owner, title, status=PlanItemStatus.PLANNED, percent=0):
    return services.plan_item_create(plan=plan, actor=secretariat, title=title, owner=owner, status=status,
                                     percent=percent)


def test_completion_is_the_share_of_items_done_and_dropped_items_do_not_count(plan, secretariat, org_a, school,
                                                                              django_assert_num_queries):
    _item(plan, secretariat, org_a, "一", PlanItemStatus.DONE)
    _item(plan, secretariat, org_a, "二", PlanItemStatus.IN_PROGRESS, 90)
    _item(plan, secretariat, school, "三")
    _item(plan, secretariat, school, "四", PlanItemStatus.DROPPED)
    with django_assert_num_queries(1):
        counted = Plan.objects.with_completion().get(pk=plan.pk)
    assert (counted.items_done, counted.items_total, counted.completion) == (1, 3, 33)


def test_a_plan_without_items_is_zero_complete_and_cannot_be_adopted(plan, secretariat):
    assert Plan.objects.with_completion().get(pk=plan.pk).completion == 0
    with pytest.raises(ValidationError):
        services.plan_adopt(plan=plan, actor=secretariat)


def test_items_are_numbered_in_order_and_done_means_complete(plan, secretariat, org_a):
    first = _item(plan, secretariat, org_a, "一")
    second = _item(plan, secretariat, org_a, "二", PlanItemStatus.DONE)
    assert (first.position, second.position, second.percent) == (1, 2, 100)


def test_one_plan_of_a_kind_a_year(plan, secretariat):
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=secretariat, year=2026, kind=PlanKind.WORK, title="又一个")
    assert "kind" in error.value.message_dict
    services.plan_create(actor=secretariat, year=2026, kind=PlanKind.TRAINING, title="2026 年度培训计划")


def test_only_the_secretariat_writes_plans(admin_a, org_a, plan):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=admin_a, year=2027, kind=PlanKind.WORK, title="x")
    with pytest.raises(PermissionDenied):
        services.plan_item_create(plan=plan, actor=admin_a, title="x", owner=org_a)


def test_adopting_records_the_resolution_and_the_decision(plan, secretariat, org_a):
    _item(plan, secretariat, org_a, "一")
    adopting = resolution()
    services.plan_adopt(plan=plan, actor=secretariat, resolution=adopting)
    plan.refresh_from_db()
    assert (plan.status, plan.resolution) == (PlanStatus.ADOPTED, adopting) and plan.adopted_at
    assert AuditEvent.objects.filter(event="plan.adopted").exists()


def test_the_owners_administrator_updates_their_item_once_the_plan_is_adopted(plan, secretariat, org_a, admin_a,
                                                                             admin_b, member_a):
    item = _item(plan, secretariat, org_a, "一")
    with pytest.raises(PermissionDenied):  # a draft: the secretariat's alone
        services.plan_item_progress(item=item, actor=admin_a, status=PlanItemStatus.IN_PROGRESS, percent=20)
    services.plan_adopt(plan=plan, actor=secretariat)
    for stranger in (admin_b, member_a):
        with pytest.raises(PermissionDenied):
            services.plan_item_progress(item=item, actor=stranger, status=PlanItemStatus.DONE, percent=100)
    services.plan_item_progress(item=item, actor=admin_a, status=PlanItemStatus.DONE, percent=30)
    item.refresh_from_db()
    assert (item.status, item.percent) == (PlanItemStatus.DONE, 100)
    assert Plan.objects.with_completion().get(pk=plan.pk).completion == 100
    assert AuditEvent.objects.get(event="plan.item_status").actor == admin_a


def test_a_percentage_out_of_range_is_refused_on_its_field(plan, secretariat, org_a):
    item = _item(plan, secretariat, org_a, "一")
    with pytest.raises(ValidationError) as error:
        services.plan_item_progress(item=item, actor=secretariat, status=PlanItemStatus.IN_PROGRESS, percent=120)
    assert "percent" in error.value.message_dict
