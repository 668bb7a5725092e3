"""Personas shared by every test: two enterprises A and B, a school, the secretariat,
and a visitor. B's people must see nothing of A's."""

import pytest
from django.test import Client

from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person

PASSWORD = "Correct-Horse-2026"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded files land in a folder of the test run's own, never in the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts with an empty cache (throttles, lockouts), on the real Redis."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference lists, which migrations load, are there even in a reused database."""
    with django_db_blocker.unblock():
        from reference.importing import ensure_loaded

        ensure_loaded()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush the database afterwards, reference lists included:
    put them back for the next one."""
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    if marked or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("_django_db_helper" if marked else "transactional_db")
        from reference.importing import ensure_loaded

        ensure_loaded()


@pytest.fixture
def government(db):
    return OrganizationFactory(kind=OrganizationKind.GOVERNMENT, industry_id="S91", is_lead_member=True,
                               name_zh="测试市教育局")


@pytest.fixture
def org_a(db):
    return OrganizationFactory(name_zh="甲企业有限公司", name_en="Enterprise A")


@pytest.fixture
def org_b(db):
    return OrganizationFactory(name_zh="乙企业有限公司", name_en="Enterprise B")


@pytest.fixture
def school(db):
    return OrganizationFactory(kind=OrganizationKind.HIGHER_VOCATIONAL, industry_id="P83", name_zh="测试职业技术学院")


@pytest.fixture
def secretariat(government):
    return person(government, Role.SECRETARIAT, Role.OFFICER, username="secretariat")


@pytest.fixture
def admin_a(org_a):
    return person(org_a, Role.ORG_ADMIN, username="admin_a")


@pytest.fixture
def member_a(org_a):
    return person(org_a, Role.HR, username="member_a")


@pytest.fixture
def admin_b(org_b):
    return person(org_b, Role.ORG_ADMIN, username="admin_b")


@pytest.fixture
def outsider(org_b):
    """Someone from enterprise B, who should have no access to A's things."""
    return person(org_b, Role.HR, username="outsider")


@pytest.fixture
def student(school):
    return person(school, Role.STUDENT, username="student")


@pytest.fixture
def teacher(school):
    return person(school, Role.TEACHER, username="teacher")


@pytest.fixture
def officer(government):
    return person(government, Role.OFFICER, username="officer")


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker, in a thread, consuming from the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from consortium.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10) as worker:
        yield worker
