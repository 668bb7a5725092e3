"""Background jobs on a real Celery worker and the real Redis broker."""

import time

import pytest
from django.core import mail

from members import services
from members.models import Invitation, Role
from tests.waiting import wait_for


@pytest.mark.django_db(transaction=True)
def test_invitation_email_is_sent_by_the_worker(celery_worker, admin_a, org_a):
    invitation = services.invitation_create(
        organization=org_a, actor=admin_a, email="worker@example.cn", full_name="队列测试", role=Role.HR
    )
    assert wait_for(lambda: Invitation.objects.get(pk=invitation.pk).sent_at is not None)
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["worker@example.cn"]
    assert invitation.get_accept_url() in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_duplicated_task_sends_one_email(celery_worker, admin_a, org_a):
    from members.tasks import invitation_send_task

    invitation = services.invitation_create(
        organization=org_a, actor=admin_a, email="twice@example.cn", full_name="重复", role=Role.HR
    )
    results = [invitation_send_task.delay(invitation.pk) for _ in range(2)]
    outcomes = [r.get(timeout=15) for r in results]
    assert wait_for(lambda: len(mail.outbox) >= 1)
    time.sleep(0.5)
    assert len(mail.outbox) == 1
    assert outcomes.count(True) <= 1


@pytest.mark.django_db(transaction=True)
def test_each_step_of_an_application_is_emailed_by_the_worker(celery_worker, secretariat):
    from members.models import ApplicationEvent
    from members.tests.test_services import submit

    application = submit()
    assert wait_for(lambda: len(mail.outbox) == 1), "the receipt"
    services.application_return(application=application, actor=secretariat, reason="请补充办学许可证。")
    assert wait_for(lambda: len(mail.outbox) == 2)
    assert application.reference in mail.outbox[1].subject and "请补充办学许可证。" in mail.outbox[1].body
    assert wait_for(lambda: not ApplicationEvent.objects.filter(notified_at__isnull=True).exists())
