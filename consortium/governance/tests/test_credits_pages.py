"""Responsibility credits' pages: an organisation's account and ledger, every account for the
secretariat and officers, rules and schemes written on their pages, a redemption asked and
decided, contributions credited from the secretariat's list, the hub's sections — in Chinese,
with the lists' queries counted."""

from datetime import date

import pytest
from django.urls import reverse

from consortium.governance.models import (
    Contribution,
    ContributionKind,
    CreditAccount,
    CreditRule,
    Redemption,
    RedemptionStatus,
    SubsidyScheme,
)
from consortium.governance.services import credits as services
from consortium.governance.tests.credits_support import earn, internship_rule, scheme
from members.tests.factories import OrganizationFactory
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


@pytest.fixture
def credited(org_a, secretariat, government, school):
    """A's account: 30 credits for three months of an intern, 20 for a mentor's term (adjusted)."""
    internship_rule(secretariat, credits=10)
    earn(org_a, government, quantity=3)
    services.entry_adjust(organization=org_a, amount=20, note="导师任期补录", actor=secretariat)
    return CreditAccount.objects.get(organization=org_a)


def test_an_administrator_reads_the_account_with_each_entrys_source(credited, admin_a, org_a):
    response = client_for(admin_a).get(reverse("governance:credit_account", args=[org_a.pk]))
    assert "50" in part(response, "credit-balance").text
    ledger = part(response, "credit-ledger").text
    assert "+30" in ledger and "intern" in ledger and "+20" in ledger and "导师任期补录" in ledger
    assert zh("Hosting an intern for a month") in ledger


def test_the_ledger_filters_by_kind(credited, admin_a, org_a):
    response = client_for(admin_a).get(reverse("governance:credit_account", args=[org_a.pk]), {"kind": "adjusted"})
    ledger = part(response, "credit-ledger").text
    assert "导师任期补录" in ledger and "+30" not in ledger


def test_another_enterprise_finds_no_account_of_a(credited, admin_b, member_a, org_a):
    for someone in (admin_b, member_a):
        assert client_for(someone).get(reverse("governance:credit_account", args=[org_a.pk])).status_code == 404


def test_an_administrator_sees_only_their_own_account_in_the_list(credited, admin_a, admin_b, secretariat, org_b):
    services.entry_adjust(organization=org_b, amount=5, note="测试", actor=secretariat)
    own = part(client_for(admin_a).get(reverse("governance:credit_accounts")), "credit-accounts").text
    assert "甲企业有限公司" in own and "乙企业有限公司" not in own
    everyone = part(client_for(secretariat).get(reverse("governance:credit_accounts")), "credit-accounts").text
    assert "甲企业有限公司" in everyone and "乙企业有限公司" in everyone


def test_the_secretariat_searches_and_sorts_accounts_by_balance(credited, secretariat, org_b):
    services.entry_adjust(organization=org_b, amount=500, note="测试", actor=secretariat)
    client = client_for(secretariat)
    text = part(client.get(reverse("governance:credit_accounts"), {"sort": "-balance"}), "credit-accounts").text
    assert text.index("乙企业有限公司") < text.index("甲企业有限公司")
    text = part(client.get(reverse("governance:credit_accounts"), {"sort": "balance"}), "credit-accounts").text
    assert text.index("甲企业有限公司") < text.index("乙企业有限公司")
    text = part(client.get(reverse("governance:credit_accounts"), {"q": "乙企业"}), "credit-accounts").text
    assert "乙企业有限公司" in text and "甲企业有限公司" not in text


def test_the_lists_cost_the_same_queries_however_many_accounts_and_entries(credited, secretariat, officer, org_a,
                                                                          django_assert_max_num_queries):
    urls = [reverse("governance:credit_accounts"), reverse("governance:credit_account", args=[org_a.pk]),
            reverse("governance:redemptions"), reverse("governance:uncredited_contributions"),
            reverse("governance:credit_rules"), reverse("governance:subsidy_schemes")]
    client = client_for(secretariat)
    offer = scheme(officer)
    Redemption.objects.create(account=credited, scheme=offer, credits=10, value=500)
    earn(org_a, org_a, kind=ContributionKind.MENTOR_TERM)  # uncredited: no rule of its kind
    few = {url: queries_for(client, url) for url in urls}
    for n in range(8):
        other = OrganizationFactory(name_zh=f"企业{n}")
        services.entry_adjust(organization=other, amount=10 + n, note="测试", actor=secretariat)
        services.entry_adjust(organization=org_a, amount=1, note=f"第{n}次", actor=secretariat)
        Redemption.objects.create(account=CreditAccount.objects.get(organization=other), scheme=offer, credits=10,
                                  value=500)
        earn(other, other, kind=ContributionKind.MENTOR_TERM)
    for url in urls:
        assert queries_for(client, url) == few[url], url
    with django_assert_max_num_queries(20):
        client.get(urls[1])


def test_the_secretariat_publishes_a_rule_on_its_page(secretariat):
    client = client_for(secretariat)
    response = client.post(reverse("governance:credit_rule_create"), {
        "code": "course-2027", "title": "共建课程每门", "kind": "course_codeveloped", "credits_per_unit": "50",
        "valid_from": "2027-01-01", "valid_to": ""})
    assert response.status_code == 302
    rule = CreditRule.objects.get(code="course-2027")
    assert rule.published_at and rule.published_by == secretariat
    text = part(client.get(reverse("governance:credit_rules")), "credit-rules").text
    assert "共建课程每门" in text


def test_a_rule_over_an_existing_one_is_refused_with_the_reason_on_the_field(secretariat):
    internship_rule(secretariat, valid_from=date(2026, 1, 1))
    response = client_for(secretariat).post(reverse("governance:credit_rule_create"), {
        "code": "again", "title": "重复", "kind": "internship_month", "credits_per_unit": "5",
        "valid_from": "2026-06-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"]
    assert part(response, "error-summary")


def test_an_officer_publishes_a_scheme_and_an_administrator_redeems_under_it(credited, officer, admin_a, org_a):
    response = client_for(officer).post(reverse("governance:subsidy_scheme_create"), {
        "title": "实习补贴", "description": "", "credits_per_unit": "10", "value_per_unit": "300",
        "opens_on": "2026-01-01", "closes_on": ""})
    assert response.status_code == 302
    offer = SubsidyScheme.objects.get(title="实习补贴")
    client = client_for(admin_a)
    assert "实习补贴" in part(client.get(reverse("governance:subsidy_schemes")), "subsidy-schemes").text
    url = reverse("governance:redemption_request", args=[offer.pk])
    response = client.post(url, {"organization": org_a.pk, "credits": "60"})
    assert response.status_code == 200 and response.context["form"].errors["credits"]  # 50 held
    response = client.post(url, {"organization": org_a.pk, "credits": "40", "note": "实习指导"}, follow=True)
    redemption = Redemption.objects.get()
    assert (redemption.credits, redemption.value, redemption.status) == (40, 1200, RedemptionStatus.REQUESTED)
    assert messages_on(response)
    assert "实习补贴" in part(response, "redemptions").text


def test_an_officer_refuses_with_a_reason_and_approves_on_the_decision_page(credited, officer, admin_a, org_a):
    offer = scheme(officer)
    refused = services.redemption_request(actor=admin_a, organization=org_a, scheme=offer, credits=10)
    client = client_for(officer)
    waiting = part(client.get(reverse("governance:redemptions")), "redemptions")
    assert reverse("governance:redemption_decide", args=[refused.pk]) in waiting.links
    url = reverse("governance:redemption_decide", args=[refused.pk])
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    client.post(url, {"decision": "refuse", "reason": "预算已用完"})
    approved = services.redemption_request(actor=admin_a, organization=org_a, scheme=offer, credits=30)
    client.post(reverse("governance:redemption_decide", args=[approved.pk]), {"decision": "approve", "reason": ""})
    assert CreditAccount.objects.get(organization=org_a).balance == 20
    mine = part(client_for(admin_a).get(reverse("governance:redemptions")), "redemptions").text
    assert "预算已用完" in mine
    assert client_for(admin_a).get(url).status_code == 404


def test_the_secretariat_credits_contributions_one_by_one_or_together(secretariat, org_a, org_b, government, school):
    earn(org_a, government, quantity=2)
    earn(org_b, org_b, quantity=1)
    earn(org_b, school, quantity=3)
    rule = internship_rule(secretariat, credits=10)
    client = client_for(secretariat)
    url = reverse("governance:uncredited_contributions")
    first, second, third = Contribution.objects.order_by("pk")
    response = client.get(url)
    assert "甲企业有限公司" in part(response, "uncredited").text
    client.post(url, {"row": f"{first.pk}:{rule.pk}"})
    assert CreditAccount.objects.get(organization=org_a).balance == 20
    client.post(url, {"contributions": [second.pk, third.pk], "rule": rule.pk})
    assert CreditAccount.objects.get(organization=org_b).balance == 40
    assert "甲企业有限公司" not in part(client.get(url), "uncredited").text


def test_the_hub_shows_the_balance_and_the_redemptions_to_decide(credited, admin_a, officer, org_a):
    services.redemption_request(actor=admin_a, organization=org_a, scheme=scheme(officer), credits=10)
    text = part(client_for(admin_a).get(reverse("governance:home")), "governance-home").text
    assert zh("Responsibility credits") in text and "50" in text
    response = client_for(officer).get(reverse("governance:home"))
    sections = {s.title: s for s in response.context["sections"]}
    assert sections[zh("Redemptions to decide")].badge == 1
