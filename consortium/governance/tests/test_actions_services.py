"""Action items as the services keep them: the secretariat creates them from a resolution; the
owner organisation's administrators and seat holders report progress and close them; nobody else
may; overdue items are found by the database and their owners reminded once a day."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from consortium.governance.models import ActionItem, ActionStatus
from consortium.governance.services import actions as services
from consortium.governance.services import meetings as meetings_services
from consortium.governance.tests.actions_support import days, resolution, seat
from core.models import AuditEvent
from members.models import Role
from members.tests.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(secretariat, org_a):
    return services.action_create(resolution=resolution(), title="落实实习岗位", owner=org_a, due_on=days(10),
                                  actor=secretariat)


def test_the_secretariat_creates_an_open_item_and_the_decision_is_audited(item, secretariat):
    assert item.status == ActionStatus.OPEN and not item.is_overdue
    event = AuditEvent.objects.get(event="action.created")
    assert event.actor == secretariat


def test_only_the_secretariat_creates_items(admin_a, org_a):
    with pytest.raises(PermissionDenied):
        services.action_create(resolution=resolution(), title="x", owner=org_a, due_on=days(5), actor=admin_a)
    assert not ActionItem.objects.exists()


def test_the_responsible_person_must_belong_to_the_owner(secretariat, org_a, admin_b):
    with pytest.raises(ValidationError) as error:
        services.action_create(resolution=resolution(), title="x", owner=org_a, due_on=days(5), actor=secretariat,
                               responsible=admin_b)
    assert "responsible" in error.value.message_dict


def test_an_item_cannot_be_due_before_its_resolution_was_adopted(secretariat, org_a):
    adopted = resolution(number="2026-试-002", adopted_on=days(-3))
    with pytest.raises(ValidationError) as error:
        services.action_create(resolution=adopted, title="x", owner=org_a, due_on=days(-4), actor=secretariat)
    assert "due_on" in error.value.message_dict


def test_the_owners_administrator_reports_progress_and_the_item_is_in_progress(item, admin_a):
    services.action_note_add(item=item, actor=admin_a, text="已完成岗位梳理。", percent=40)
    item.refresh_from_db()
    assert (item.status, item.progress) == (ActionStatus.IN_PROGRESS, 40)
    assert item.notes.get().author == admin_a


@pytest.mark.parametrize("who", ["member_a", "admin_b", "officer"])
def test_people_who_do_not_answer_for_the_owner_cannot_report(item, who, request):
    with pytest.raises(PermissionDenied):
        services.action_note_add(item=item, actor=request.getfixturevalue(who), text="进展")
    assert not item.notes.exists()


def test_a_seat_holder_of_the_owner_reports_progress(item, member_a, org_a):
    seat(org_a, member_a)
    services.action_note_add(item=item, actor=member_a, text="代表单位汇报进展。")
    assert item.notes.count() == 1


def test_a_seat_holder_who_left_the_owner_cannot_report(item, org_a, org_b):
    leaver = person(org_b, Role.HR, username="leaver")
    seat(org_a, leaver)
    with pytest.raises(PermissionDenied):
        services.action_note_add(item=item, actor=leaver, text="进展")


def test_marking_done_closes_the_item_for_notes(item, admin_a):
    services.action_complete(item=item, actor=admin_a, text="全部完成。")
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE and item.progress == 100 and item.completed_at is not None
    with pytest.raises(ValidationError):
        services.action_note_add(item=item, actor=admin_a, text="补充")
    with pytest.raises(ValidationError):
        services.action_complete(item=item, actor=admin_a)


def test_cancelling_needs_a_reason_and_reopening_brings_it_back(item, secretariat, admin_a):
    with pytest.raises(ValidationError) as error:
        services.action_cancel(item=item, actor=secretariat, reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.action_cancel(item=item, actor=admin_a, reason="不做了")
    services.action_cancel(item=item, actor=secretariat, reason="决议已被新决议取代")
    item.refresh_from_db()
    assert item.status == ActionStatus.CANCELLED
    services.action_reopen(item=item, actor=secretariat)
    item.refresh_from_db()
    assert (item.status, item.cancel_reason) == (ActionStatus.OPEN, "")


def test_overdue_means_past_due_and_neither_done_nor_cancelled(secretariat, org_a, admin_a):
    late = services.action_create(resolution=resolution(), title="逾期", owner=org_a, due_on=days(-1),
                                  actor=secretariat)
    services.action_create(resolution=resolution(), title="未到期", owner=org_a, due_on=days(0), actor=secretariat)
    closed = services.action_create(resolution=resolution(), title="已完成", owner=org_a, due_on=days(-2),
                                    actor=secretariat)
    services.action_complete(item=closed, actor=admin_a)
    assert list(ActionItem.objects.overdue().values_list("title", flat=True)) == ["逾期"]
    assert late.is_overdue


# --- reminders -----------------------------------------------------------------------------------


@pytest.fixture
def overdue(secretariat, org_a, admin_a):
    responsible = person(org_a, Role.HR, username="responsible", email="responsible@a.example.cn")
    return services.action_create(resolution=resolution(), title="逾期事项", owner=org_a, due_on=days(-3),
                                  actor=secretariat, responsible=responsible)


@pytest.fixture
def mail_in_process():
    """The notification e-mails a reminder queues run in this process (no worker in these tests)."""
    from consortium.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def _addresses() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_owners_of_an_overdue_item_are_reminded_once_a_day(overdue, admin_a, admin_b, mail_in_process,
                                                                django_capture_on_commit_callbacks):
    today = days(0)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=today) == 1
    assert _addresses() == sorted([admin_a.email, "responsible@a.example.cn"])
    assert all("逾期事项" in message.subject for message in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=today) == 0  # already reminded today
    assert len(_addresses()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=today + timedelta(days=1)) == 1  # and again tomorrow
    assert len(_addresses()) == 4 and admin_b.email not in _addresses()
    assert AuditEvent.objects.filter(event="action.reminded").count() == 2


@pytest.mark.skipif(hasattr(meetings_services, "notify"), reason="the meetings part's notify e-mails the reminder")
def test_the_reminder_email_names_the_resolution_and_links_the_item(overdue):
    services.reminders_send()
    (message,) = mail.outbox
    assert "2026-试-001" in message.body and f"/governance/actions/{overdue.pk}/" in message.body


def test_a_done_item_is_no_longer_reminded(overdue, admin_a, django_capture_on_commit_callbacks):
    services.action_complete(item=overdue, actor=admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 0
    assert mail.outbox == []


@pytest.mark.skipif(hasattr(meetings_services, "notify"), reason="the meetings part's notify sends after commit")
def test_a_failed_send_gives_the_day_back_for_the_retry(overdue, settings):
    settings.EMAIL_BACKEND = "consortium.governance.tests.actions_mail.FailingBackend"
    with pytest.raises(OSError):
        services.action_remind(item_id=overdue.pk)
    overdue.refresh_from_db()
    assert overdue.last_reminded_on is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.action_remind(item_id=overdue.pk) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_reminding_at_once_send_one_email(overdue, mail_in_process):
    outcomes, barrier = [], threading.Barrier(2)

    def remind():
        barrier.wait()
        try:
            outcomes.append(services.action_remind(item_id=overdue.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=remind) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    addresses = _addresses()
    assert len(addresses) == 2 and len(set(addresses)) == 2  # each owner told once
    assert AuditEvent.objects.filter(event="action.reminded").count() == 1
