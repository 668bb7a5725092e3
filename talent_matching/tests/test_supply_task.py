"""The monthly task on a real Celery worker: it takes the month once, and the on-demand task
takes it again, replacing the month's figures."""

import pytest

from core.models import AuditEvent
from talent_matching.models import SupplyDemandSnapshot
from talent_matching.tasks.supply import supply_snapshot_due_task, supply_snapshot_task
from talent_matching.tests.supply_helpers import cohort, posting, this_month


def test_the_worker_takes_the_month_once_and_again_on_demand(celery_worker, org_a, school):
    posting(org_a, "460301", headcount=3)
    cohort(school, "460301", 2)
    assert supply_snapshot_due_task.delay().get(timeout=30) == 2
    assert supply_snapshot_due_task.delay().get(timeout=30) == 0  # already taken this month
    posting(org_a, "460301", headcount=3)
    assert supply_snapshot_task.delay().get(timeout=30) == 2
    assert SupplyDemandSnapshot.objects.get(period=this_month(), major_code="").demand == 6
    assert SupplyDemandSnapshot.objects.count() == 2
    assert AuditEvent.objects.filter(event="supply.snapshot_taken").count() == 2


@pytest.mark.django_db
def test_the_schedule_names_the_monthly_task():
    from core.portal import periodic_tasks

    assert "talent_matching.tasks.supply.supply_snapshot_due_task" in {task.task for task in periodic_tasks()}


def test_the_secretariat_takes_the_month_again_through_the_worker(celery_worker, org_a, school, secretariat):
    import time

    from django.urls import reverse

    from tests.fixtures import client_for

    posting(org_a, "460301", headcount=3)
    cohort(school, "460301", 2)
    response = client_for(secretariat).post(reverse("talent:supply_snapshot"))
    assert response.status_code == 302
    for _attempt in range(100):
        if SupplyDemandSnapshot.objects.filter(period=this_month()).exists():
            break
        time.sleep(0.1)
    assert SupplyDemandSnapshot.objects.get(period=this_month(), major_code="").demand == 3
    assert AuditEvent.objects.get(event="supply.snapshot_taken").actor == secretariat
