"""The daily reminder on a real Celery worker: the owners of an overdue item get one e-mail a day,
however many times the job runs."""

import pytest
from django.core import mail

from consortium.governance.services import actions as services
from consortium.governance.tasks.actions import action_reminders_task
from consortium.governance.tests.actions_support import days, resolution
from tests.waiting import wait_for


def test_the_worker_reminds_the_owners_once_whatever_the_repeats(celery_worker, secretariat, org_a, admin_a):
    services.action_create(resolution=resolution(), title="逾期的督办事项", owner=org_a, due_on=days(-2),
                           actor=secretariat)
    assert action_reminders_task.delay().get(timeout=30) == 1
    assert action_reminders_task.delay().get(timeout=30) == 0
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [admin_a.email] and "逾期的督办事项" in mail.outbox[0].subject


@pytest.mark.django_db
def test_the_schedule_names_the_daily_reminder():
    from core.portal import periodic_tasks

    assert "consortium.governance.tasks.actions.action_reminders_task" in {task.task for task in periodic_tasks()}
