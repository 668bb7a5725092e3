"""Responsibility credits in the API: balances (one's own; all for the secretariat and officers),
ledger entries with their sources, and the rules — read-only, under the pages' rules."""

import pytest
from django.urls import reverse

from consortium.governance.models import CreditAccount
from consortium.governance.services import credits as services
from consortium.governance.tests.credits_support import earn, internship_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(org_a, org_b, secretariat, government):
    internship_rule(secretariat, credits=10)
    earn(org_a, government, quantity=3)
    services.entry_adjust(organization=org_b, amount=7, note="补录", actor=secretariat)


def test_an_administrator_reads_their_own_balance_only(accounts, api_client, admin_a, org_a, org_b):
    body = api_client(admin_a).get(reverse("governance-credit-account-list")).json()
    assert [(row["organization"], row["balance"]) for row in body["results"]] == [(org_a.pk, 30)]
    other = CreditAccount.objects.get(organization=org_b)
    assert api_client(admin_a).get(reverse("governance-credit-account-detail", args=[other.pk])).status_code == 404


def test_officers_read_every_balance(accounts, api_client, officer, org_a, org_b):
    body = api_client(officer).get(reverse("governance-credit-account-list"), {"ordering": "-balance"}).json()
    assert [(row["organization"], row["balance"]) for row in body["results"]] == [(org_a.pk, 30), (org_b.pk, 7)]


def test_ledger_entries_name_their_source_and_log_entry(accounts, api_client, admin_a, member_a):
    body = api_client(admin_a).get(reverse("governance-credit-entry-list"), {"kind": "earned"}).json()
    [entry] = body["results"]
    assert (entry["amount"], entry["balance_after"], entry["rule"], entry["contribution_kind"]) == (
        30, 30, "intern", "internship_month")
    assert entry["log_index"] is not None
    assert api_client(member_a).get(reverse("governance-credit-entry-list")).json()["results"] == []


def test_the_rules_are_read_by_everyone_in_governance_and_never_written(accounts, api_client, member_a, student):
    body = api_client(member_a).get(reverse("governance-credit-rule-list")).json()
    assert [(r["code"], r["credits_per_unit"], r["kind"]) for r in body["results"]] == [("intern", 10, "internship_month")]
    assert api_client(student).get(reverse("governance-credit-rule-list")).json()["results"] == []
    assert api_client(member_a).post(reverse("governance-credit-rule-list"), {"code": "x"}).status_code == 405
