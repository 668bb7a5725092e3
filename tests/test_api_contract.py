"""The API keeps the contract its OpenAPI schema states: schemathesis generates requests for
every operation — valid ones and broken ones — from three callers (the secretariat signed in
through the portal, an organisation's API key, and no one), and every answer must be one the
schema names, in the shape it gives, and never a server error. Every check schemathesis has
runs; for writes, positive_data_acceptance gives way to a version that allows only the
refusals no schema can foresee (see STORED_DATA_FIELDS)."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from consortium.models import Announcement, AnnouncementAttachment, AnnouncementStatus
from members import services
from members.models import Role
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for

WRITES = {"POST", "PUT", "PATCH"}

# What a schema cannot say: whether a region or industry code exists, a credit code's check
# character, uniqueness and fit with the organisation's kind, a name already taken, a person or organisation by id, and whether
# the caller may grant that role there. A write the schema allows may be refused (400) on
# these fields alone, naming them; refused on any other field, the schema is wrong.
STORED_DATA_FIELDS = {"credit_code", "name_zh", "region", "industry", "user", "organization", "role"}


def stored_data_acceptance(ctx, response, case):
    """schemathesis' positive_data_acceptance for writes, with the refusals above allowed."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 400:
        return None
    errors = response.json().get("errors", {})
    unexplained = set(errors) - STORED_DATA_FIELDS
    assert not unexplained, f"a request the schema allows was refused on {sorted(unexplained)}: {errors}"
    return None


# Examples per operation and caller: 13 operations × 3 callers × this, plus schemathesis'
# own coverage cases for the edges of every parameter and its probes of each answer.
EXAMPLES = 100


def _schema():
    """The schema the portal serves at /api/schema/, with requests sent to the portal itself
    (in this process, on the test database)."""
    from drf_spectacular.generators import SchemaGenerator

    from consortium.wsgi import application

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


schema = _schema()
# Who is calling in the running test: set by the caller fixture, applied by PortalCaller.
_CALLER: dict = {}


@schema.auth(refresh_interval=None)
class PortalCaller:
    """The caller's credentials, given to schemathesis as its authentication, so that its
    checks know them and can try each operation without them or with forged ones."""

    def get(self, case, context):
        return _CALLER.get("credentials", {"cookies": {}, "headers": {}})

    def set(self, case, credentials, context):
        case.headers = {**(case.headers or {}), **credentials["headers"]}
        case.cookies = {**(case.cookies or {}), **credentials["cookies"]}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django closes the database connection when a request ends; Django's test client
    stops that so that a test's transaction outlives its requests. Requests here go straight
    to the WSGI application, so do as the test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _announcements():
    """A published announcement with a file, and a draft no answer may show."""
    notice = Announcement.objects.create(title="理事会会议纪要公示", body="请您知悉。", pinned=True,
                                         status=AnnouncementStatus.PUBLISHED, published_at=timezone.now())
    content = b"%PDF-1.4\n%%EOF\n"
    attachment = AnnouncementAttachment(announcement=notice, original_name="纪要.pdf", content_type="application/pdf",
                                        size=len(content))
    attachment.file.save("纪要.pdf", ContentFile(content), save=True)
    Announcement.objects.create(title="草稿", body="未发布。")


@pytest.fixture(params=["secretariat", "api_key", "anonymous"])
def caller(request, secretariat, admin_a, org_a, member_a, school, student):
    """Headers and cookies of one caller, with data for them to find."""
    OrganizationFactory.create_batch(3)
    person(school, Role.TEACHER)
    _announcements()
    credentials = {"cookies": {}, "headers": {}}
    if request.param == "secretariat":
        session_cookie = client_for(secretariat).cookies["sessionid"].value
        token = _get_new_csrf_string()
        credentials = {"cookies": {"sessionid": session_cookie, "csrftoken": token}, "headers": {"X-CSRFToken": token}}
    elif request.param == "api_key":
        _key, secret = services.api_key_create(
            organization=org_a, actor=admin_a, name="合同测试",
            scopes=["members:read", "members:write", "announcements:read"],
        )
        credentials["headers"]["Authorization"] = f"Bearer {secret}"
    _CALLER["credentials"] = credentials
    yield request.param
    _CALLER.clear()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The same requests on every run, so that the suite passes or fails alike everywhere;
    # raise EXAMPLES (or drop this) to search further.
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_answers_as_its_schema_says(case, caller):
    # Each generated request starts with fresh rate-limit counters: the limits have tests of
    # their own, and a caller throttled from the tenth request on would test nothing else.
    cache.clear()
    response = case.call()
    if case.method.upper() in WRITES:
        case.validate_response(response, excluded_checks=[positive_data_acceptance],
                               additional_checks=[stored_data_acceptance])
    else:
        case.validate_response(response)
