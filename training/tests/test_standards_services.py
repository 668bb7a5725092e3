"""Standards as the services keep them: keepers (enterprises' and associations' administrators,
engineers and staff, and the secretariat) add standards and competences; a new version copies the
competences, retires the old version, and tells the courses part in the same transaction; codes,
versions and dates are checked with a message on the field."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.db import IntegrityError, transaction

from core.models import AuditEvent
from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from reference.models import Skill
from training import events
from training.access import standards as access
from training.models import Standard, StandardKind
from training.selectors import standards as selectors
from training.services import standards as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here (the pages' tests read them as shown, in Chinese)."""
    with translation.override("en"):
        yield


@pytest.fixture
def association(db):
    return OrganizationFactory(kind=OrganizationKind.INDUSTRY_ASSOCIATION, name_zh="测试行业协会")


@pytest.fixture
def engineer(association):
    return person(association, Role.STAFF, username="association_staff")


def _create(actor, owner, **overrides):
    fields = dict(kind=StandardKind.NATIONAL, code="GB/T 39116", title="智能制造能力成熟度模型",
                  issuing_body="国家市场监督管理总局", version="2020", effective_on=date(2021, 5, 1))
    fields.update(overrides)
    return services.standard_create(actor=actor, owner=owner, **fields)


def test_an_association_keeps_standards_and_everyone_in_training_reads_them(engineer, association, student,
                                                                             member_a, officer):
    standard = _create(engineer, association)
    assert standard.is_current and standard.code == "GB/T 39116"
    assert AuditEvent.objects.filter(event="standard.created").exists()
    assert access.can_read_standards(student) and access.can_read_standards(engineer)
    assert not access.can_read_standards(officer)
    assert not access.can_keep_standards(member_a)  # HR keeps no standards
    with pytest.raises(PermissionDenied):
        _create(member_a, association, code="GB/T 1")


def test_one_keeps_only_the_standards_of_ones_own_organisations(admin_a, org_b, org_a, secretariat):
    with pytest.raises(ValidationError) as error:
        _create(admin_a, org_b)
    assert "owner" in error.value.message_dict
    standard = _create(secretariat, org_b)  # the secretariat keeps for every keeper
    assert not access.can_edit_standard(admin_a, standard)
    with pytest.raises(PermissionDenied):
        services.standard_update(standard=standard, actor=admin_a, kind=standard.kind, title="改",
                                 issuing_body="x", version="2020", effective_on=standard.effective_on)


@pytest.mark.parametrize("code,message", [
    ("GB/T 39116-2020", "without its year"),
    ("国标 39116", "prefix and number"),
    ("", "e.g. GB/T 39116"),
])
def test_a_code_must_look_like_one(admin_a, org_a, code, message):
    with pytest.raises(ValidationError) as error:
        _create(admin_a, org_a, code=code)
    assert message in " ".join(error.value.message_dict["code"])


@pytest.mark.parametrize("code", ["GB/T 39116", "T/CZIMA 001", "Q/HYJM 005", "JB/T 10000.1", "6-31-01-03",
                                  "gb/t  39116"])
def test_codes_of_every_kind_are_accepted(admin_a, org_a, code):
    assert _create(admin_a, org_a, code=code).code == services.normalize_code(code)


def test_a_code_is_added_once_and_a_version_is_unique_per_code(admin_a, org_a):
    standard = _create(admin_a, org_a)
    with pytest.raises(ValidationError) as error:
        _create(admin_a, org_a)
    assert "new version" in error.value.message_dict["code"][0]
    with pytest.raises(ValidationError) as error:
        services.standard_new_version(standard=standard, actor=admin_a, version="2020", effective_on=date(2022, 1, 1))
    assert error.value.message_dict["version"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Standard.objects.create(owner=org_a, kind="national", code="GB/T 39116", title="x", issuing_body="x",
                                version="2024", effective_on=date(2024, 1, 1))  # a second current version


def test_a_new_version_copies_competences_retires_the_old_and_tells_the_courses(admin_a, org_a):
    skill = Skill.objects.create(code="T-1", name_zh="测试技能", name_en="Test skill", family="测试")
    old = _create(admin_a, org_a)
    services.competence_create(standard=old, actor=admin_a, code="5.1", name="人员技能", skill=skill)
    services.competence_create(standard=old, actor=admin_a, code="5.2", name="数据集成")
    heard = []

    def listener(sender, standard, previous, actor, **kwargs):
        heard.append((standard.version, previous.version, actor, transaction.get_connection().in_atomic_block))

    events.standard_versioned.connect(listener)
    try:
        new = services.standard_new_version(standard=old, actor=admin_a, version="2024",
                                            effective_on=date(2024, 7, 1), title="智能制造能力成熟度模型（修订）")
    finally:
        events.standard_versioned.disconnect(listener)
    old.refresh_from_db()
    assert not old.is_current and new.is_current and new.replaces == old
    assert heard == [("2024", "2020", admin_a, True)]
    assert list(new.competences.values_list("code", "name", "skill")) == [("5.1", "人员技能", skill.pk),
                                                                         ("5.2", "数据集成", None)]
    assert AuditEvent.objects.get(event="standard.versioned").actor == admin_a
    assert [s.version for s in selectors.history(old)] == ["2024", "2020"]
    # The old version is kept as it was.
    assert not access.can_edit_standard(admin_a, old)
    with pytest.raises(PermissionDenied):
        services.competence_create(standard=old, actor=admin_a, code="5.9", name="x")
    with pytest.raises(ValidationError):
        services.standard_new_version(standard=old, actor=admin_a, version="2025", effective_on=date(2025, 1, 1))


def test_a_new_version_cannot_take_effect_before_the_one_it_replaces(admin_a, org_a):
    old = _create(admin_a, org_a)
    with pytest.raises(ValidationError) as error:
        services.standard_new_version(standard=old, actor=admin_a, version="2019", effective_on=date(2019, 1, 1))
    assert "2021-05-01" in error.value.message_dict["effective_on"][0]
    old.refresh_from_db()
    assert old.is_current and Standard.objects.count() == 1


def test_comparing_versions_names_what_was_added_removed_and_changed(admin_a, org_a):
    old = _create(admin_a, org_a)
    for code, name in (("4.1", "安全操作"), ("4.2", "示教编程"), ("4.10", "维护")):
        services.competence_create(standard=old, actor=admin_a, code=code, name=name)
    new = services.standard_new_version(standard=old, actor=admin_a, version="2024", effective_on=date(2024, 1, 1))
    competences = {c.code: c for c in new.competences.all()}
    services.competence_update(competence=competences["4.2"], actor=admin_a, code="4.2", name="离线编程")
    services.competence_delete(competence=competences["4.10"], actor=admin_a)
    services.competence_create(standard=new, actor=admin_a, code="4.3", name="机器视觉")
    changes = selectors.compare(old, new)
    assert [(c.code, c.status) for c in changes] == [("4.1", "same"), ("4.2", "changed"), ("4.3", "added"),
                                                     ("4.10", "removed")]


def test_a_competence_number_is_unique_in_its_version(admin_a, org_a):
    standard = _create(admin_a, org_a)
    services.competence_create(standard=standard, actor=admin_a, code="4.1", name="一")
    with pytest.raises(ValidationError) as error:
        services.competence_create(standard=standard, actor=admin_a, code="4.1", name="二")
    assert error.value.message_dict["code"]
    with pytest.raises(ValidationError) as error:
        services.competence_create(standard=standard, actor=admin_a, code="", name="")
    assert set(error.value.message_dict) == {"code", "name"}
