"""Standards as people use them: a keeper adds a standard and its competences and publishes a
new version on the pages; everyone in training searches the library, reads a standard with its
history and compares two versions; the officer finds nothing; the list costs as many queries for
many standards as for few. The API reads and writes under the same rules."""

from datetime import date

import pytest
from django.urls import reverse

from tests.fixtures import client_for
from tests.pages import part, queries_for
from training.models import Standard
from training.tests.standards_support import standard, versioned

pytestmark = pytest.mark.django_db


def test_a_keeper_adds_a_standard_its_competences_and_a_new_version(admin_a, org_a, teacher):
    client = client_for(admin_a)
    response = client.post(reverse("training:standard_create"), {
        "owner": org_a.pk, "kind": "enterprise", "code": "q/hyjm 005", "title": "数控加工中心操作规范",
        "issuing_body": "甲企业", "version": "2023", "effective_on": "2023-03-01"})
    made = Standard.objects.get()
    assert response.status_code == 302 and made.code == "Q/HYJM 005"
    client.post(reverse("training:competence_create", args=[made.pk]), {"code": "4.1", "name": "开机点检"})
    response = client.post(reverse("training:standard_new_version", args=[made.pk]), {
        "version": "2025", "effective_on": "2025-01-01", "title": "数控加工中心操作规范", "issuing_body": "甲企业"},
        follow=True)
    new = Standard.objects.get(is_current=True)
    assert response.redirect_chain[-1][0] == reverse("training:standard", args=[new.pk])
    assert "开机点检" in part(response, "standard-competences").text
    versions = part(response, "standard-versions").text
    assert versions.index("2025") < versions.index("2023")
    # A teacher reads it and its past version, and edits neither.
    reader = client_for(teacher)
    response = reader.get(reverse("training:standard", args=[made.pk]))
    assert response.status_code == 200 and part(response, "standard-replaced")
    assert b"standard-buttons" not in response.content
    assert reader.get(reverse("training:standard_edit", args=[new.pk])).status_code == 404


def test_errors_are_shown_on_their_fields(admin_a, org_a):
    standard(org_a, code="T/TEST 001", version="2021")
    response = client_for(admin_a).post(reverse("training:standard_create"), {
        "owner": org_a.pk, "kind": "association", "code": "T/TEST 009-2021", "title": "x", "issuing_body": "x",
        "version": "2021", "effective_on": "2021-01-01"})
    assert response.status_code == 200 and response.context["form"].errors["code"]
    current = Standard.objects.get()
    response = client_for(admin_a).post(reverse("training:standard_new_version", args=[current.pk]), {
        "version": "2021", "effective_on": "2020-01-01", "title": "x", "issuing_body": "x"})
    errors = response.context["form"].errors
    assert errors["version"] and errors["effective_on"]
    assert Standard.objects.count() == 1


def test_comparing_two_versions_side_by_side(teacher, org_a):
    _old, new = versioned(org_a)
    response = client_for(teacher).get(reverse("training:standard_compare", args=[new.pk]))
    text = part(response, "compare-table").text
    assert "示教编程" in text and "机器视觉" in text
    assert len(response.context["changes"]) == 3


def test_the_list_searches_filters_and_shows_current_versions_by_default(student, org_a, org_b):
    versioned(org_a, code="T/ROBOT 001")
    standard(org_b, code="GB/T 39116", title="智能制造能力成熟度模型")
    client = client_for(student)
    url = reverse("training:standards")
    listed = part(client.get(url), "standard-table").text
    assert "T/ROBOT 001" in listed and "2019" not in listed
    assert "2019" in part(client.get(url, {"current": "all"}), "standard-table").text
    listed = part(client.get(url, {"q": "成熟度"}), "standard-table").text
    assert "GB/T 39116" in listed and "T/ROBOT" not in listed
    listed = part(client.get(url, {"owner": org_a.pk, "current": "past"}), "standard-table").text
    assert "T/ROBOT 001" in listed and "GB/T" not in listed


def test_the_officer_is_not_in_training(officer, org_a):
    made = standard(org_a)
    client = client_for(officer)
    assert client.get(reverse("training:standards")).status_code == 404
    assert client.get(reverse("training:standard", args=[made.pk])).status_code == 404


def test_the_list_and_a_standard_cost_the_same_queries_for_many(teacher, org_a):
    client = client_for(teacher)
    standard(org_a, code="T/Q 0")
    one = queries_for(client, reverse("training:standards"))
    for n in range(1, 12):
        versioned(org_a, code=f"T/Q {n}")
    assert queries_for(client, reverse("training:standards"), current="all") == one
    _old, new = versioned(org_a, code="T/Q 1")
    detail = queries_for(client, reverse("training:standard", args=[new.pk]))
    assert detail <= one + 3


def test_the_api_reads_for_everyone_in_training_and_writes_for_keepers(api_client, admin_a, teacher, org_a):
    _old, new = versioned(org_a)
    reader = api_client(teacher)
    body = reader.get("/api/v1/training/standards/", {"is_current": "true"}).json()
    assert [row["version"] for row in body["results"]] == ["2023"]
    assert body["results"][0]["competences"][0]["code"] == "4.1"
    assert reader.patch(f"/api/v1/training/standards/{new.pk}/", {"title": "x"}, format="json").status_code == 403
    keeper = api_client(admin_a)
    response = keeper.post(f"/api/v1/training/standards/{new.pk}/new-version/",
                           {"version": "2020", "effective_on": "2020-01-01"}, format="json")
    assert response.status_code == 400 and "effective_on" in response.json()["errors"]
    response = keeper.post(f"/api/v1/training/standards/{new.pk}/new-version/",
                           {"version": "2026", "effective_on": date(2026, 1, 1).isoformat()}, format="json")
    assert response.status_code == 201 and response.json()["replaces"] == new.pk
    response = keeper.post("/api/v1/training/standards/", {
        "kind": "enterprise", "code": "Q/A 1", "title": "企业标准", "issuing_body": "甲",
        "version": "2024", "effective_on": "2024-01-01"}, format="json")
    assert response.status_code == 201 and response.json()["owner"] == org_a.pk
