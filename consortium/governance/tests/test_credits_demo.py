"""The demo's responsibility credits: rules for the four kinds, 恒远's account earned from real
contributions with one redemption approved and one waiting for ``officer``, a contribution for
the secretariat to credit; seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortium.governance.models import (
    ContributionKind,
    CreditAccount,
    CreditEntry,
    CreditRule,
    EntryKind,
    Redemption,
    RedemptionStatus,
)
from consortium.governance.services.credits import uncredited_contributions
from members.models import User
from tests.fixtures import client_for
from tests.pages import part

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_role_credits_to_see_and_decide():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert set(CreditRule.objects.values_list("kind", flat=True)) == set(ContributionKind.values)
    account = CreditAccount.objects.get(organization__name_zh="常州恒远精密机械有限公司")
    kinds = set(account.entries.values_list("kind", flat=True))
    assert kinds == {EntryKind.EARNED, EntryKind.REDEEMED} and account.balance > 0
    assert account.entries.filter(contribution__source_type__model="placement").exists()
    statuses = sorted(Redemption.objects.filter(account=account).values_list("status", flat=True))
    assert statuses == [RedemptionStatus.APPROVED, RedemptionStatus.REQUESTED]
    assert uncredited_contributions().count() == 1
    counts = (CreditEntry.objects.count(), Redemption.objects.count(), CreditRule.objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert (CreditEntry.objects.count(), Redemption.objects.count(), CreditRule.objects.count()) == counts

    officer = User.objects.get(username="officer")
    waiting = Redemption.objects.get(status=RedemptionStatus.REQUESTED)
    page = client_for(officer).get(reverse("governance:redemptions"))
    assert reverse("governance:redemption_decide", args=[waiting.pk]) in part(page, "redemptions").links
    council = User.objects.get(username="council")
    page = client_for(council).get(reverse("governance:credit_account", args=[account.organization_id]))
    assert str(account.balance) in part(page, "credit-balance").text
