"""The organisations and people API, as a partner system or a script would use it."""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from members.demo import credit_code
from members.models import Organization, OrganizationKind, OrganizationStatus
from members.tests.factories import OrganizationFactory
from tests.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

LIST = reverse("organization-list")
CONTACTS = ("contact_name", "contact_phone", "contact_email")
CHINESE = re.compile(r"[\u4e00-\u9fff]")

NEW_ORGANIZATION = {
    "kind": "enterprise",
    "name_zh": "新设智能装备有限公司",
    "name_en": "New Smart Equipment",
    "credit_code": credit_code("320411", 880001),
    "industry": "C34",
    "region": "320411",
    "contact_name": "孙经理",
    "contact_phone": "0519-86001234",
    "contact_email": "sun@new-smart.example.cn",
}


def detail(org):
    return reverse("organization-detail", args=[org.pk])


def in_language(language, message):
    with translation.override(language):
        return str(translation.gettext(message))


def by_id(response):
    return {row["id"]: row for row in response.json()["results"]}


def assert_error_body(body, code):
    assert set(body) == {"code", "message", "errors"}, body
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]


# --- the organisation list -----------------------------------------------------------------


def test_the_organisation_list_is_paginated(api_client, admin_a, org_b, school):
    OrganizationFactory.create_batch(3)

    first = api_client(admin_a).get(LIST, {"page_size": 2}).json()
    second = api_client(admin_a).get(first["next"]).json()

    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 6
    assert len(first["results"]) == 2 and first["previous"] is None
    assert second["previous"] and len(second["results"]) == 2
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}


def test_the_organisation_list_filters_by_kind(api_client, admin_a, school, government):
    results = api_client(admin_a).get(LIST, {"kind": OrganizationKind.HIGHER_VOCATIONAL}).json()["results"]

    assert [row["id"] for row in results] == [school.pk]


def test_an_unknown_kind_is_refused_with_the_field_named(api_client, admin_a):
    response = api_client(admin_a).get(LIST, {"kind": "castle"})

    assert response.status_code == 400
    assert_error_body(response.json(), "invalid")
    assert "kind" in response.json()["errors"]


def test_the_organisation_list_filters_by_region_code_prefix(api_client, admin_a, org_a):
    suzhou = OrganizationFactory(region_id="320506", name_zh="苏州吴中精密有限公司")

    changzhou = by_id(api_client(admin_a).get(LIST, {"region": "3204"}))
    jiangsu = by_id(api_client(admin_a).get(LIST, {"region": "32"}))
    only_suzhou = by_id(api_client(admin_a).get(LIST, {"region": "320506"}))

    assert org_a.pk in changzhou and suzhou.pk not in changzhou
    assert {org_a.pk, suzhou.pk} <= set(jiangsu)
    assert set(only_suzhou) == {suzhou.pk}


def test_the_organisation_list_searches_names_and_credit_codes(api_client, admin_a, org_a, org_b, school):
    by_chinese_name = by_id(api_client(admin_a).get(LIST, {"search": "乙企业"}))
    by_english_name = by_id(api_client(admin_a).get(LIST, {"search": "enterprise a"}))
    by_code = by_id(api_client(admin_a).get(LIST, {"search": school.credit_code}))

    assert set(by_chinese_name) == {org_b.pk}
    assert set(by_english_name) == {org_a.pk}
    assert set(by_code) == {school.pk}


def test_another_organisations_contacts_cannot_be_found_by_searching_for_them(api_client, outsider, org_a):
    for term in (org_a.contact_email, org_a.contact_phone, org_a.contact_name):
        assert org_a.pk not in by_id(api_client(outsider).get(LIST, {"search": term})), term


def test_an_organisation_id_that_is_not_a_number_answers_404(api_client, admin_a):
    response = api_client(admin_a).get(LIST + "abc/")

    assert response.status_code == 404
    assert_error_body(response.json(), "not_found")


def test_organisations_still_applying_are_not_listed_for_other_members(api_client, admin_a, secretariat):
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT)

    assert applicant.pk not in by_id(api_client(admin_a).get(LIST))
    assert applicant.pk in by_id(api_client(secretariat).get(LIST))
    response = api_client(admin_a).get(detail(applicant))
    assert response.status_code == 404
    assert_error_body(response.json(), "not_found")


def test_contacts_are_hidden_from_other_organisations(api_client, outsider, org_a, org_b):
    rows = by_id(api_client(outsider).get(LIST))
    one = api_client(outsider).get(detail(org_a)).json()

    assert not set(CONTACTS) & set(rows[org_a.pk])
    assert not set(CONTACTS) & set(one)
    assert rows[org_a.pk]["name_zh"] == org_a.name_zh


def test_contacts_are_shown_to_the_organisations_own_people(api_client, member_a, org_a, org_b):
    rows = by_id(api_client(member_a).get(LIST))

    assert rows[org_a.pk]["contact_email"] == org_a.contact_email
    assert not set(CONTACTS) & set(rows[org_b.pk])


def test_the_secretariat_sees_every_organisations_contacts(api_client, secretariat, org_a, org_b, school):
    rows = by_id(api_client(secretariat).get(LIST))

    for org in (org_a, org_b, school):
        assert rows[org.pk]["contact_phone"] == org.contact_phone


def test_the_list_needs_credentials(api_client, org_a):
    response = api_client().get(LIST)

    assert response.status_code == 401
    assert_error_body(response.json(), "not_authenticated")
    assert org_a.name_zh not in response.content.decode()


# --- registering an organisation ------------------------------------------------------------


def test_the_secretariat_registers_an_organisation(api_client, secretariat):
    response = api_client(secretariat).post(LIST, NEW_ORGANIZATION, format="json")

    assert response.status_code == 201, response.json()
    created = Organization.objects.get(pk=response.json()["id"])
    assert created.name_zh == NEW_ORGANIZATION["name_zh"]
    assert created.status == OrganizationStatus.ACTIVE and created.joined_at is not None
    body = response.json()
    assert body["region"] == "320411" and body["contact_email"] == NEW_ORGANIZATION["contact_email"]


def test_a_credit_code_typed_in_lower_case_is_stored_normalised(api_client, secretariat):
    code = NEW_ORGANIZATION["credit_code"]
    typed = f" {code.lower()} "

    response = api_client(secretariat).post(LIST, {**NEW_ORGANIZATION, "credit_code": typed}, format="json")

    assert response.status_code == 201, response.json()
    assert Organization.objects.get(pk=response.json()["id"]).credit_code == code


@pytest.mark.parametrize("persona", ["admin_a", "member_a", "student", "officer"])
def test_only_the_secretariat_may_register_organisations(persona, request, api_client):
    user = request.getfixturevalue(persona)

    response = api_client(user).post(LIST, NEW_ORGANIZATION, format="json")

    assert response.status_code == 403
    assert_error_body(response.json(), "permission_denied")
    assert not Organization.objects.filter(name_zh=NEW_ORGANIZATION["name_zh"]).exists()


def test_a_caller_who_may_not_register_is_refused_before_the_body_is_checked(api_client, admin_a):
    response = api_client(admin_a).post(LIST, {"kind": "castle"}, format="json")

    assert response.status_code == 403
    assert response.json()["errors"] == {}


def wrong_check_character(code):
    return code[:-1] + ("1" if code[-1] != "1" else "2")


@pytest.mark.parametrize(
    "body,fields",
    [
        pytest.param({**NEW_ORGANIZATION, "credit_code": wrong_check_character(NEW_ORGANIZATION["credit_code"])},
                     {"credit_code"}, id="wrong check character"),
        pytest.param({**NEW_ORGANIZATION, "credit_code": "91320411MA1"}, {"credit_code"}, id="too short"),
        pytest.param({**NEW_ORGANIZATION, "credit_code": "9132041IMA1XYZ0OQ0"}, {"credit_code"}, id="bad letters"),
        pytest.param({key: NEW_ORGANIZATION[key] for key in ("kind", "credit_code", "region")},
                     {"name_zh", "contact_name", "contact_phone", "contact_email"}, id="missing fields"),
        pytest.param({**NEW_ORGANIZATION, "region": "999999"}, {"region"}, id="unknown region"),
        pytest.param({**NEW_ORGANIZATION, "kind": "castle"}, {"kind"}, id="unknown kind"),
        pytest.param({**NEW_ORGANIZATION, "contact_email": "not an address"}, {"contact_email"}, id="bad email"),
        pytest.param({**NEW_ORGANIZATION, "description": "长" * 2001}, {"description"}, id="description too long"),
        pytest.param({**NEW_ORGANIZATION, "name_en": "Bad\x00Name"}, {"name_en"}, id="NUL character"),
    ],
)
def test_a_malformed_organisation_is_refused_naming_the_fields_and_nothing_is_saved(
    body, fields, api_client, secretariat
):
    before = Organization.objects.count()

    response = api_client(secretariat).post(LIST, body, format="json")

    assert response.status_code == 400
    assert_error_body(response.json(), "invalid")
    assert set(response.json()["errors"]) == fields
    assert Organization.objects.count() == before


def test_a_duplicate_credit_code_is_refused_naming_the_field(api_client, secretariat, org_a):
    response = api_client(secretariat).post(
        LIST, {**NEW_ORGANIZATION, "credit_code": org_a.credit_code}, format="json"
    )

    assert response.status_code == 400
    assert_error_body(response.json(), "invalid")
    assert response.json()["errors"]["credit_code"] == [
        in_language("zh-hans", "An organisation with this unified social credit code is already registered.")
    ]
    assert not Organization.objects.filter(name_zh=NEW_ORGANIZATION["name_zh"]).exists()


def test_a_duplicate_chinese_name_is_refused_naming_the_field(api_client, secretariat, org_a):
    response = api_client(secretariat).post(LIST, {**NEW_ORGANIZATION, "name_zh": org_a.name_zh}, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name_zh"}
    assert Organization.objects.filter(name_zh=org_a.name_zh).count() == 1


def test_a_body_that_is_not_json_is_refused_and_nothing_is_saved(api_client, secretariat):
    before = Organization.objects.count()

    response = api_client(secretariat).post(LIST, '{"kind": "enterprise", "name_zh": ', content_type="application/json")

    assert response.status_code == 400
    assert_error_body(response.json(), "parse_error")
    assert response.json()["errors"] == {}
    assert Organization.objects.count() == before


def test_a_body_that_is_not_an_object_is_refused(api_client, secretariat):
    response = api_client(secretariat).post(LIST, ["kind", "enterprise"], format="json")

    assert response.status_code == 400
    assert_error_body(response.json(), "invalid")
    assert "non_field_errors" in response.json()["errors"]


# --- the language of errors -------------------------------------------------------------------


def test_errors_are_in_chinese_by_default(api_client, secretariat):
    body = {key: NEW_ORGANIZATION[key] for key in ("kind", "region")}
    body["credit_code"] = wrong_check_character(NEW_ORGANIZATION["credit_code"])

    response = api_client(secretariat).post(LIST, body, format="json")

    error = response.json()
    assert response["Content-Language"] == "zh-hans"
    # The portal's own sentences (locale/zh_Hans) …
    assert error["message"] == in_language("zh-hans", "The request has errors; see the fields listed.")
    assert CHINESE.search(error["message"])
    assert CHINESE.search(error["errors"]["credit_code"][0])
    assert error["errors"]["credit_code"][0] == in_language(
        "zh-hans",
        "The check character of this unified social credit code is wrong; please check for a typing mistake.",
    )
    # … and Django REST framework's.
    assert error["errors"]["name_zh"] == ["该字段是必填项。"]


def test_errors_are_in_english_for_who_chose_english(api_client, secretariat):
    client = api_client(secretariat)
    client.cookies["django_language"] = "en"
    body = {key: NEW_ORGANIZATION[key] for key in ("kind", "region")}
    body["credit_code"] = wrong_check_character(NEW_ORGANIZATION["credit_code"])

    response = client.post(LIST, body, format="json")

    error = response.json()
    assert response["Content-Language"] == "en"
    assert error["message"] == "The request has errors; see the fields listed."
    assert error["errors"]["credit_code"] == [
        "The check character of this unified social credit code is wrong; please check for a typing mistake."
    ]
    assert error["errors"]["name_zh"] == ["This field is required."]


def test_a_refusal_is_translated_too(api_client, member_a):
    chinese = api_client(member_a).post(LIST, NEW_ORGANIZATION, format="json").json()["message"]
    english_client = api_client(member_a)
    english_client.cookies["django_language"] = "en"
    english = english_client.post(LIST, NEW_ORGANIZATION, format="json").json()["message"]

    assert english == "You do not have permission to perform this action."
    assert CHINESE.search(chinese)


# --- changing an organisation -------------------------------------------------------------------


def test_an_organisation_administrator_updates_its_contacts(api_client, admin_a, org_a):
    response = api_client(admin_a).patch(
        detail(org_a), {"contact_name": "周主任", "contact_phone": "0519-86660001"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["contact_phone"] == "0519-86660001"
    org_a.refresh_from_db()
    assert (org_a.contact_name, org_a.contact_phone) == ("周主任", "0519-86660001")


def test_an_organisation_administrator_cannot_update_another_organisation(api_client, admin_a, org_b):
    response = api_client(admin_a).patch(detail(org_b), {"contact_phone": "0519-86660001"}, format="json")

    assert response.status_code == 403
    assert_error_body(response.json(), "permission_denied")
    org_b.refresh_from_db()
    assert org_b.contact_phone != "0519-86660001"


def test_a_member_who_is_not_an_administrator_cannot_update_their_organisation(api_client, member_a, org_a):
    response = api_client(member_a).patch(detail(org_a), {"contact_phone": "0519-86660001"}, format="json")

    assert response.status_code == 403
    org_a.refresh_from_db()
    assert org_a.contact_phone != "0519-86660001"


@pytest.mark.parametrize(
    "change",
    [
        {"kind": OrganizationKind.UNIVERSITY},
        {"name_zh": "改名企业有限公司"},
        {"credit_code": credit_code("320411", 880002)},
        {"is_lead_member": True},
    ],
    ids=lambda change: next(iter(change)),
)
def test_an_organisation_administrator_cannot_change_what_the_secretariat_decides(change, api_client, admin_a, org_a):
    before = Organization.objects.filter(pk=org_a.pk).values().get()

    response = api_client(admin_a).patch(detail(org_a), {**change, "contact_phone": "0519-86660001"}, format="json")

    assert response.status_code == 400
    assert_error_body(response.json(), "invalid")
    assert set(response.json()["errors"]) == set(change)
    assert Organization.objects.filter(pk=org_a.pk).values().get() == before


def test_the_standing_of_an_organisation_cannot_be_changed_through_its_details(api_client, secretariat, org_a):
    response = api_client(secretariat).patch(detail(org_a), {"status": OrganizationStatus.LEFT}, format="json")

    org_a.refresh_from_db()
    assert response.status_code == 200
    assert org_a.status == OrganizationStatus.ACTIVE


def test_the_secretariat_may_change_an_organisations_kind(api_client, secretariat, org_a):
    change = {"kind": OrganizationKind.RESEARCH_INSTITUTE}

    response = api_client(secretariat).patch(detail(org_a), change, format="json")

    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.kind == OrganizationKind.RESEARCH_INSTITUTE


def test_a_malformed_update_is_refused_and_nothing_is_saved(api_client, admin_a, org_a):
    response = api_client(admin_a).patch(
        detail(org_a), {"contact_email": "nobody", "contact_phone": "0519-86660001"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"contact_email"}
    org_a.refresh_from_db()
    assert org_a.contact_phone != "0519-86660001"


# --- people -------------------------------------------------------------------------------------


def usernames(response):
    return {row["username"] for row in response.json()["results"]}


def test_an_administrator_sees_their_organisations_people(api_client, admin_a, member_a, outsider, admin_b):
    assert usernames(api_client(admin_a).get(reverse("user-list"))) == {"admin_a", "member_a"}


def test_a_member_who_is_not_an_administrator_sees_only_themself(api_client, outsider, admin_b, admin_a):
    response = api_client(outsider).get(reverse("user-list"))

    assert usernames(response) == {"outsider"}
    assert api_client(outsider).get(reverse("user-detail", args=[admin_b.pk])).status_code == 404


def test_filtering_people_by_another_organisation_finds_nobody(api_client, admin_a, admin_b, outsider, org_b):
    response = api_client(admin_a).get(reverse("user-list"), {"organization": org_b.pk})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_the_secretariat_sees_everyone(api_client, secretariat, admin_a, member_a, outsider, student):
    assert {"secretariat", "admin_a", "member_a", "outsider", "student"} <= usernames(
        api_client(secretariat).get(reverse("user-list"))
    )


def test_me_answers_who_is_calling_with_their_memberships(api_client, admin_a, org_a):
    body = api_client(admin_a).get(reverse("user-me")).json()

    assert body["username"] == "admin_a"
    assert [(m["organization"], m["role"]) for m in body["memberships"]] == [(org_a.pk, "org_admin")]
    assert body["memberships"][0]["organization_name"] == org_a.name_zh


def test_me_needs_credentials(api_client):
    assert api_client().get(reverse("user-me")).status_code == 401


def test_memberships_are_scoped_like_people(api_client, admin_a, member_a, outsider):
    results = api_client(outsider).get(reverse("membership-list")).json()["results"]

    assert {row["user"] for row in results} == {outsider.pk}


# --- no personal tokens ----------------------------------------------------------------------


def test_a_user_name_and_password_get_no_api_credential(admin_a):
    """Partner systems use their organisation's API keys; people have no tokens of their own."""
    response = APIClient().post("/api/v1/auth/token/", {"username": "admin_a", "password": PASSWORD}, format="json")

    assert response.status_code == 404


def test_the_old_token_scheme_is_not_accepted(admin_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    response = client.get(reverse("user-me"))

    assert response.status_code == 401


# --- schema and documentation ------------------------------------------------------------------


def test_the_schema_is_an_openapi_3_document(api_client, admin_a):
    response = api_client().get(reverse("api_schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"]
    assert {"/api/v1/organizations/", "/api/v1/organizations/{id}/", "/api/v1/users/me/"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/v1/organizations/"]


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def test_the_api_documentation_renders_from_local_files_only(api_client):
    response = api_client().get(reverse("api_docs"))

    assert response.status_code == 200
    html = response.content.decode()
    parser = _References()
    parser.feed(html)
    assert parser.urls, "the documentation page loads no scripts or styles"
    for url in parser.urls:
        parsed = urlparse(url)
        assert not parsed.netloc or parsed.netloc == "testserver", f"the documentation loads {url} from another host"
        if parsed.path.startswith("/static/"):
            assert finders.find(parsed.path.removeprefix("/static/")), f"{url} is not a static file of the portal"
    assert not re.search(r"https?://(?!testserver)", html.replace("http://www.w3.org", "")), (
        "the documentation page mentions another host"
    )
    # The page's own script is a file too (no inline script under the Content-Security-Policy).
    assert "<script>" not in html and "<style>" not in html
    script = api_client().get(reverse("api_docs") + "?script=").content.decode()
    assert reverse("api_schema") in script
    # Swagger UI's default would load a validity badge from validator.swagger.io in the browser.
    assert re.search(r'"validatorUrl":\s*null', script), "Swagger UI would call validator.swagger.io"


# --- queries -----------------------------------------------------------------------------------


def queries_for_list(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"page_size": 100})
    assert response.status_code == 200
    return len(queries), response.json()["count"]


@pytest.mark.parametrize("persona", ["secretariat", "outsider"])
def test_the_organisation_list_takes_as_many_queries_for_30_organisations_as_for_5(persona, request, api_client):
    user = request.getfixturevalue(persona)
    client = api_client(user)
    client.get(LIST)  # the caller's roles are read once and kept: warm that up first
    OrganizationFactory.create_batch(5)
    few, count_few = queries_for_list(client)
    OrganizationFactory.create_batch(25)
    many, count_many = queries_for_list(client)

    assert count_many - count_few == 25
    assert many == few, f"{few} queries for {count_few} organisations but {many} for {count_many}"


def test_a_nul_character_is_named_as_such_in_both_languages(api_client, secretariat):
    body = {**NEW_ORGANIZATION, "address": "常州市\x00新北区"}

    chinese = api_client(secretariat).post(LIST, body, format="json")
    english_client = api_client(secretariat)
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = english_client.post(LIST, body, format="json")

    assert chinese.json()["errors"]["address"] == [in_language("zh-hans", "Null characters are not allowed.")]
    assert "空字符" in chinese.json()["errors"]["address"][0] and "字符串" not in chinese.json()["errors"]["address"][0]
    assert english.json()["errors"]["address"] == [
        "The text contains a NUL character (\\x00), which cannot be stored; remove it and try again."
    ]


def test_a_description_over_the_limit_says_the_limit(api_client, admin_a, org_a):
    response = api_client(admin_a).patch(detail(org_a), {"description": "长" * 2001}, format="json")

    assert response.status_code == 400
    assert "2000" in response.json()["errors"]["description"][0]
    org_a.refresh_from_db()
    assert len(org_a.description) < 2001


@pytest.mark.parametrize("query,parameter", [
    ({"page": "abc"}, "page"),
    ({"page": "0"}, "page"),
    ({"page_size": "0"}, "page_size"),
    ({"page_size": "201"}, "page_size"),
    ({"page_size": "null"}, "page_size"),
    ({"is_lead_member": "1"}, "is_lead_member"),
    ({"is_lead_member": "yes"}, "is_lead_member"),
])
def test_a_query_parameter_out_of_its_range_is_refused_naming_it(api_client, admin_a, query, parameter):
    response = api_client(admin_a).get(LIST, query)

    assert response.status_code == 400
    assert_error_body(response.json(), "invalid")
    assert set(response.json()["errors"]) == {parameter}


@pytest.mark.parametrize("value", ["1" * 30, "-5", "0", "3.5"])
def test_an_id_filter_out_of_range_is_refused_not_a_server_error(api_client, secretariat, value):
    response = api_client(secretariat).get("/api/v1/users/", {"organization": value})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"organization"}


def test_an_id_no_one_has_filters_to_nothing(api_client, secretariat, org_a):
    response = api_client(secretariat).get("/api/v1/memberships/", {"organization": 2**62})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_an_empty_filter_or_page_means_not_given(api_client, admin_a, org_a):
    everything = api_client(admin_a).get(LIST).json()["count"]

    response = api_client(admin_a).get(LIST, {"is_lead_member": "", "page": "", "page_size": "", "kind": ""})

    assert response.status_code == 200
    assert response.json()["count"] == everything


def test_a_page_past_the_end_answers_not_found_in_the_error_shape(api_client, admin_a):
    response = api_client(admin_a).get(LIST, {"page": 999})

    assert response.status_code == 404
    assert_error_body(response.json(), "not_found")


def test_an_address_under_the_api_that_no_route_matches_answers_json(api_client, admin_a):
    response = api_client(admin_a).get("/api/v1/organizations/1.5/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert_error_body(response.json(), "not_found")


def test_a_nul_character_in_a_search_is_refused_not_a_server_error(api_client, admin_a):
    response = api_client(admin_a).get(LIST, {"search": "甲\x00"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"search"}


def test_the_api_refuses_a_code_that_does_not_fit_the_kind(api_client, secretariat):
    response = api_client(secretariat).post(LIST, {**NEW_ORGANIZATION, "kind": "industry_association"}, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"credit_code"}
    assert not Organization.objects.filter(name_zh=NEW_ORGANIZATION["name_zh"]).exists()


@pytest.mark.parametrize("path,ordering", [
    ("/api/v1/memberships/", "get_role_display"),
    ("/api/v1/memberships/", "organization_name"),
    ("/api/v1/organizations/", "kind_display"),
])
def test_ordering_by_a_computed_field_is_ignored_not_a_server_error(api_client, secretariat, path, ordering):
    assert api_client(secretariat).get(path, {"ordering": ordering}).status_code == 200


def test_memberships_sort_by_when_they_began(api_client, admin_a, member_a, org_a):
    newest_first = api_client(admin_a).get("/api/v1/memberships/", {"ordering": "-started_at"}).json()["results"]
    started = [row["started_at"] for row in newest_first]
    assert started == sorted(started, reverse=True) and len(started) >= 2
