"""批量颁发: the list checked whole, the job's progress, and a run repeated issuing no one twice."""


import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from credentials import batch_import, services
from credentials.models import Credential, IssuanceBatch
from members.models import Role
from members.tests.factories import person
from transparency.models import LogEntry
from tests.waiting import wait_for


def students(school, count):
    return [person(school, Role.STUDENT, username=f"stu{i:03d}", full_name=f"学生{i}") for i in range(count)]


@pytest.mark.django_db
def test_a_file_with_bad_lines_names_each_and_issues_nothing(school, diploma, member_a):
    students(school, 2)
    data = ("用户名,姓名\nstu000,学生0\nnobody,无名\nstu001,别人\nstu000,学生0\n" f"{member_a.username},\n").encode()
    with pytest.raises(ValidationError) as error:
        batch_import.read_holders(data, diploma)
    messages = error.value.messages
    assert len(messages) == 4
    assert "3" in messages[0] and "nobody" in messages[0]
    assert "4" in messages[1] and "学生1" in messages[1]
    assert "5" in messages[2]
    assert member_a.username in messages[3]
    assert not Credential.objects.exists()


@pytest.mark.django_db
def test_a_good_file_by_email_or_user_name(school, diploma):
    people = students(school, 3)
    data = f"电子邮箱\n{people[0].email}\n{people[2].email}\n".encode()
    assert batch_import.read_holders(data, diploma) == [people[0].pk, people[2].pk]
    assert batch_import.read_holders(b"username\nSTU001\n", diploma) == [people[1].pk]
    with pytest.raises(ValidationError):
        batch_import.read_holders(b"phone\n123\n", diploma)


@pytest.mark.django_db
def test_a_batch_is_refused_whole_when_someone_cannot_receive(school, diploma, school_admin, member_a, admin_a):
    people = students(school, 2)
    with pytest.raises(ValidationError):
        services.batch_create(achievement=diploma, actor=school_admin, holder_ids=[people[0].pk, member_a.pk])
    with pytest.raises(PermissionDenied):
        services.batch_create(achievement=diploma, actor=admin_a, holder_ids=[people[0].pk])
    assert not IssuanceBatch.objects.exists()


@pytest.mark.django_db
def test_a_run_repeated_issues_each_holder_once(school, diploma, school_admin, django_capture_on_commit_callbacks):
    people = students(school, 7)
    with django_capture_on_commit_callbacks(execute=False):
        batch = services.batch_create(achievement=diploma, actor=school_admin, holder_ids=[p.pk for p in people])
    services.batch_run(batch_id=batch.pk, part=0, parts=2, chunk=2)
    assert Credential.objects.filter(batch=batch).count() == 4
    assert IssuanceBatch.objects.get(pk=batch.pk).done == 4
    assert IssuanceBatch.objects.get(pk=batch.pk).state == IssuanceBatch.State.RUNNING
    batch = services.batch_run(batch_id=batch.pk, chunk=2)
    services.batch_run(batch_id=batch.pk)
    assert batch.state == IssuanceBatch.State.DONE and batch.done == 7
    assert sorted(Credential.objects.filter(batch=batch).values_list("holder_id", flat=True)) == sorted(p.pk for p in people)
    assert LogEntry.objects.filter(kind="credential.issued").count() == 7
    indexes = list(Credential.objects.values_list("revocation_index", flat=True))
    assert len(set(indexes)) == 7


@pytest.mark.django_db(transaction=True)
def test_the_worker_issues_a_batch_and_a_retry_adds_nothing(celery_worker, school, diploma, school_admin):
    from credentials.tasks import batch_issue_task

    people = students(school, 5)
    batch = services.batch_create(achievement=diploma, actor=school_admin, holder_ids=[p.pk for p in people],
                                  source="全校学生")
    assert wait_for(lambda: IssuanceBatch.objects.get(pk=batch.pk).state == IssuanceBatch.State.DONE)
    assert batch_issue_task.delay(batch.pk).get(timeout=30) == 5
    assert Credential.objects.filter(batch=batch).count() == 5
    assert LogEntry.objects.filter(kind="credential.issued").count() == 5


@pytest.mark.django_db
def test_a_failed_batch_resumes_where_it_stopped(school, diploma, school_admin, django_capture_on_commit_callbacks):
    people = students(school, 4)
    with django_capture_on_commit_callbacks(execute=False):
        batch = services.batch_create(achievement=diploma, actor=school_admin, holder_ids=[p.pk for p in people])
    services.batch_run(batch_id=batch.pk, part=0, parts=2)
    IssuanceBatch.objects.filter(pk=batch.pk).update(state=IssuanceBatch.State.FAILED, error="连接中断")
    batch = services.batch_run(batch_id=batch.pk)
    assert (batch.state, batch.done, batch.error) == (IssuanceBatch.State.DONE, 4, "")


@pytest.mark.django_db
def test_a_typed_list_names_its_bad_lines(school, diploma):
    people = students(school, 3)
    assert batch_import.read_list(f"stu000\n\n{people[2].email}\n", diploma) == [people[0].pk, people[2].pk]
    with pytest.raises(ValidationError) as error:
        batch_import.read_list("stu000\nstu999\nstu000\n", diploma)
    first, second = error.value.messages
    assert "2" in first and "stu999" in first
    assert "3" in second and "1" in second  # line 3 repeats line 1
