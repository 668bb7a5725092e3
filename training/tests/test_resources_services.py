"""The resource library as the services keep it: the people of schools and enterprises add
resources for their organisation, files checked by their content or links; sharing is recorded;
the one who added a resource, its owner's administrators and the secretariat change and delete
it; everyone in training sees the shared ones and their own organisation's others."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEvent
from members.models import Role
from members.tests.factories import person
from training.access import resources as access
from training.models import TeachingResource
from training.selectors.resources import resources_for
from training.services import resources as services
from training.tests.standards_support import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here (the pages' tests read them as shown, in Chinese)."""
    with translation.override("en"):
        yield


def _add(actor, owner, **overrides):
    fields = dict(title="实训指导书", kind="document", licence="cc_by", url="https://example.cn/guide")
    fields.update(overrides)
    return services.resource_create(actor=actor, owner=owner, **fields)


def test_a_teacher_adds_a_file_for_the_school_and_everyone_in_training_sees_it(teacher, school, student, admin_b,
                                                                               officer):
    made = _add(teacher, school, url="", file=SimpleUploadedFile("指导书.pdf", PDF))
    assert made.file_name == "指导书.pdf" and made.file and made.created_by == teacher
    assert set(AuditEvent.objects.filter(event__startswith="resource.").values_list("event", flat=True)) == {
        "resource.created", "resource.shared"}
    for user in (student, admin_b):
        assert resources_for(user).filter(pk=made.pk).exists()
    assert not resources_for(officer).exists()


def test_an_unshared_resource_is_its_organisations_own(member_a, org_a, admin_a, admin_b, secretariat):
    made = _add(member_a, org_a, is_shared=False)
    assert resources_for(admin_a).filter(pk=made.pk).exists()
    assert resources_for(secretariat).filter(pk=made.pk).exists()
    assert not resources_for(admin_b).filter(pk=made.pk).exists()
    services.resource_update(resource=made, actor=admin_a, title=made.title, kind=made.kind, licence=made.licence,
                             url=made.url, is_shared=True)
    assert AuditEvent.objects.filter(event="resource.shared").exists()
    assert resources_for(admin_b).filter(pk=made.pk).exists()


def test_students_add_nothing_and_nobody_adds_for_another_organisation(student, school, member_a, org_b):
    assert not access.can_add_resources(student)
    with pytest.raises(PermissionDenied):
        _add(student, school)
    with pytest.raises(ValidationError) as error:
        _add(member_a, org_b)
    assert "owner" in error.value.message_dict


@pytest.mark.parametrize("upload,message", [
    (SimpleUploadedFile("病毒.exe", b"MZ\x90\x00"), "not a kind of file accepted here"),
    (SimpleUploadedFile("假的.pdf", b"<html>not a pdf</html>"), "not the PDF file its name says it is"),
])
def test_files_are_checked_by_their_content(teacher, school, upload, message):
    with pytest.raises(ValidationError) as error:
        _add(teacher, school, url="", file=upload)
    assert message in error.value.message_dict["file"][0]
    assert not TeachingResource.objects.exists()


def test_a_resource_is_a_file_or_a_link_with_a_licence(teacher, school):
    with pytest.raises(ValidationError) as error:
        _add(teacher, school, url="", licence="gpl")
    assert set(error.value.message_dict) == {"file", "licence"}
    with pytest.raises(ValidationError) as error:
        _add(teacher, school, file=SimpleUploadedFile("a.pdf", PDF))
    assert "url" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _add(teacher, school, url="javascript:alert(1)")
    assert "url" in error.value.message_dict


def test_who_edits_and_deletes(teacher, school, org_a, member_a, admin_a):
    colleague = person(school, Role.TEACHER, username="colleague_teacher")
    school_admin = person(school, Role.ORG_ADMIN, username="school_head")
    made = _add(teacher, school)
    assert access.can_edit_resource(teacher, made) and access.can_edit_resource(school_admin, made)
    assert not access.can_edit_resource(colleague, made) and not access.can_edit_resource(admin_a, made)
    with pytest.raises(PermissionDenied):
        services.resource_delete(resource=made, actor=colleague)
    services.resource_delete(resource=made, actor=school_admin)
    assert not TeachingResource.objects.exists()
    assert AuditEvent.objects.filter(event="resource.deleted").exists()


def test_a_new_file_replaces_a_link_and_the_file_stays_on_an_edit_without_one(teacher, school):
    made = _add(teacher, school)
    made = services.resource_update(resource=made, actor=teacher, title="新版指导书", kind="document",
                                    licence="cc_by_sa", file=SimpleUploadedFile("new.pdf", PDF))
    assert made.url == "" and made.file_name == "new.pdf"
    made = services.resource_update(resource=made, actor=teacher, title="新版指导书（二）", kind="document",
                                    licence="cc_by_sa")
    assert made.file_name == "new.pdf" and made.title == "新版指导书（二）"



def test_a_resource_a_course_version_uses_is_not_deleted_and_the_owner_is_told_why(teacher, school, org_a):
    from training.services import courses as course_services
    from training.tests.courses_support import a_course

    made = _add(teacher, school)
    course = a_course(teacher, school, [org_a])
    course_services.version_resources_set(version=course_services.open_version(course), actor=teacher,
                                          resources=[made])

    with pytest.raises(ValidationError, match="Courses use this resource"):
        services.resource_delete(resource=made, actor=teacher)
    assert TeachingResource.objects.filter(pk=made.pk).exists()
    assert not AuditEvent.objects.filter(event="resource.deleted").exists()
