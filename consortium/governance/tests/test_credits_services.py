"""Responsibility credits through their services: contributions recorded once and earning once,
crediting what came before its rule, redemptions that never overdraw (also concurrently), the
officer's decision, an append-only ledger, and each movement in the transparency log."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from consortium.governance.models import (
    Contribution,
    ContributionKind,
    CreditAccount,
    CreditEntry,
    EntryKind,
    Redemption,
    RedemptionStatus,
)
from consortium.governance.services import credits as services
from consortium.governance.tests.credits_support import earn, internship_rule, scheme
from members.models import Role
from members.tests.factories import person
from transparency.models import LogEntry

pytestmark = pytest.mark.django_db


def balance(organization) -> int:
    account = CreditAccount.objects.filter(organization=organization).first()
    return account.balance if account else 0


def test_a_contribution_sent_twice_is_recorded_once_and_earns_once(org_a, secretariat, government):
    internship_rule(secretariat, credits=10)
    earn(org_a, government, quantity=3)
    earn(org_a, government, quantity=3)
    assert Contribution.objects.filter(organization=org_a).count() == 1
    [entry] = CreditEntry.objects.filter(account__organization=org_a)
    assert (entry.kind, entry.amount, entry.balance_after, entry.number) == (EntryKind.EARNED, 30, 30, 1)
    assert balance(org_a) == 30


def test_a_contribution_earns_under_the_rule_in_force_that_day_only(org_a, org_b, secretariat, government):
    internship_rule(secretariat, valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31))
    earn(org_a, government, on=date(2025, 6, 1))  # before the rule
    earn(org_b, government, on=date(2026, 6, 1), kind=ContributionKind.TRAINING_COURSE)  # no rule of its kind
    assert balance(org_a) == balance(org_b) == 0
    assert set(services.uncredited_contributions().values_list("organization", flat=True)) == {org_a.pk, org_b.pk}


def test_the_secretariat_credits_a_contribution_recorded_before_its_rule(org_a, secretariat, admin_a, government):
    earn(org_a, government, quantity=2)
    contribution = Contribution.objects.get()
    rule = internship_rule(secretariat, credits=15)
    with pytest.raises(PermissionDenied):
        services.contributions_credit(contributions=[contribution], rule=rule, actor=admin_a)
    [entry] = services.contributions_credit(contributions=[contribution], rule=rule, actor=secretariat)
    assert (entry.amount, entry.rule, entry.by) == (30, rule, secretariat)
    assert services.contributions_credit(contributions=[contribution], rule=rule, actor=secretariat) == []
    assert balance(org_a) == 30 and not services.uncredited_contributions().exists()


def test_a_rule_of_another_kind_cannot_credit_a_contribution(org_a, secretariat, government):
    earn(org_a, government, kind=ContributionKind.MENTOR_TERM)
    rule = internship_rule(secretariat)
    with pytest.raises(ValidationError) as error:
        services.contributions_credit(contributions=list(Contribution.objects.all()), rule=rule, actor=secretariat)
    assert "rule" in error.value.message_dict


def test_the_database_refuses_a_second_earning_under_the_same_rule(org_a, secretariat, government):
    rule = internship_rule(secretariat)
    earn(org_a, government)
    entry = CreditEntry.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.create(account=entry.account, number=2, kind=EntryKind.EARNED, amount=10, balance_after=20,
                                   rule=rule, contribution=entry.contribution)


def test_two_rules_of_one_kind_never_cover_the_same_day(secretariat, admin_a):
    internship_rule(secretariat, valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31))
    with pytest.raises(ValidationError) as error:
        internship_rule(secretariat, code="intern-2", valid_from=date(2026, 6, 1))
    assert "valid_from" in error.value.message_dict
    internship_rule(secretariat, code="intern-2027", valid_from=date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        internship_rule(admin_a, code="x")


def test_a_withdrawn_rule_earns_nothing_more_and_what_it_earned_stays(org_a, secretariat, government, school):
    rule = internship_rule(secretariat)
    earn(org_a, government)
    services.rule_withdraw(rule=rule, actor=secretariat)
    earn(org_a, school)
    assert balance(org_a) == 100 and Contribution.objects.count() == 2


def test_every_movement_is_in_the_transparency_log_and_matches_its_row(org_a, secretariat, officer, admin_a, government):
    internship_rule(secretariat)
    earn(org_a, government)
    redemption = services.redemption_request(actor=admin_a, organization=org_a, scheme=scheme(officer), credits=30)
    services.redemption_decide(redemption=redemption, actor=officer, approve=True)
    earned, redeemed = CreditEntry.objects.order_by("number")
    for entry, kind in ((earned, "responsibility_credit.earned"), (redeemed, "responsibility_credit.redeemed")):
        logged = LogEntry.objects.get(index=entry.log_index)
        assert logged.kind == kind
        assert logged.object_ref == f"governance.creditentry:{entry.account_id}-{entry.number}"
        assert logged.digest == services.digest_of_ref(logged.object_ref)
    assert (redeemed.amount, redeemed.balance_after) == (-30, 70)


def test_a_redemption_beyond_the_balance_is_refused(org_a, secretariat, officer, admin_a, government):
    internship_rule(secretariat)
    earn(org_a, government, quantity=2)  # 20 credits
    offer = scheme(officer)
    with pytest.raises(ValidationError) as error:
        services.redemption_request(actor=admin_a, organization=org_a, scheme=offer, credits=30)
    assert "credits" in error.value.message_dict
    services.redemption_request(actor=admin_a, organization=org_a, scheme=offer, credits=20)
    with pytest.raises(ValidationError):  # the 20 asked are held back until decided
        services.redemption_request(actor=admin_a, organization=org_a, scheme=offer, credits=10)
    with pytest.raises(ValidationError):  # not a whole number of units
        services.redemption_request(actor=admin_a, organization=org_a, scheme=offer, credits=5)


def test_only_an_organisations_administrator_asks_for_its_credits(org_a, secretariat, officer, member_a, admin_b,
                                                                   government):
    internship_rule(secretariat)
    earn(org_a, government)
    offer = scheme(officer)
    for someone in (member_a, admin_b, secretariat):
        with pytest.raises(PermissionDenied):
            services.redemption_request(actor=someone, organization=org_a, scheme=offer, credits=10)


def test_only_a_government_officer_decides_a_redemption(org_a, government, secretariat, officer, admin_a):
    internship_rule(secretariat)
    earn(org_a, government)
    redemption = services.redemption_request(actor=admin_a, organization=org_a, scheme=scheme(officer), credits=10)
    plain_secretariat = person(government, Role.SECRETARIAT, username="clerk")
    enterprise_officer = person(org_a, Role.OFFICER, username="not_a_government_officer")
    for someone in (admin_a, plain_secretariat, enterprise_officer):
        with pytest.raises(PermissionDenied):
            services.redemption_decide(redemption=redemption, actor=someone, approve=True)
    with pytest.raises(ValidationError) as error:
        services.redemption_decide(redemption=redemption, actor=officer, approve=False)
    assert "reason" in error.value.message_dict
    services.redemption_decide(redemption=redemption, actor=officer, approve=False, reason="材料不全。")
    redemption.refresh_from_db()
    assert (redemption.status, redemption.decided_by, redemption.reason) == (RedemptionStatus.REFUSED, officer, "材料不全。")
    assert balance(org_a) == 100
    with pytest.raises(ValidationError):
        services.redemption_decide(redemption=redemption, actor=officer, approve=True)


def test_a_reversal_takes_back_credits_but_never_below_zero(org_a, secretariat, officer, admin_a, government):
    internship_rule(secretariat)
    earn(org_a, government, quantity=2)
    earned = CreditEntry.objects.get()
    redemption = services.redemption_request(actor=admin_a, organization=org_a, scheme=scheme(officer), credits=10)
    services.redemption_decide(redemption=redemption, actor=officer, approve=True)
    with pytest.raises(ValidationError):  # 10 left, 20 to take back
        services.entry_reverse(entry=earned, actor=secretariat, reason="登记有误。")
    services.entry_adjust(organization=org_a, amount=10, note="补录。", actor=secretariat)
    reversal = services.entry_reverse(entry=earned, actor=secretariat, reason="登记有误。")
    assert (reversal.kind, reversal.amount, reversal.balance_after, reversal.reverses) == (EntryKind.REVERSED, -20, 0, earned)
    with pytest.raises(ValidationError):
        services.entry_reverse(entry=earned, actor=secretariat, reason="再来一次。")
    assert LogEntry.objects.filter(kind="responsibility_credit.reversed").count() == 1


def test_the_ledger_is_never_changed_or_deleted(org_a, secretariat, government):
    services.install_ledger_trigger()
    internship_rule(secretariat)
    earn(org_a, government)
    entry = CreditEntry.objects.get()
    entry.amount = 1000
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.filter(pk=entry.pk).update(amount=1000)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():  # and the balance never goes below zero
        CreditAccount.objects.filter(organization=org_a).update(balance=-1)
    assert CreditEntry.objects.get().amount == 100


def _at_once(*calls):
    """Run each call in its own thread and connection, released together; their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_redemptions_cannot_overdraw_the_account(org_a, secretariat, officer, admin_a, government):
    internship_rule(secretariat)
    earn(org_a, government)  # 100 credits
    offer = scheme(officer)
    asked = _at_once(*[lambda: services.redemption_request(actor=admin_a, organization=org_a, scheme=offer,
                                                            credits=60)] * 2)
    assert sorted(type(o).__name__ for o in asked) == ["Redemption", "ValidationError"]
    # Two requests that got in before (say, the balance was higher then) are approved at once.
    account = CreditAccount.objects.get(organization=org_a)
    second = Redemption.objects.create(account=account, scheme=offer, credits=60, value=3000)
    first = Redemption.objects.exclude(pk=second.pk).get()
    decided = _at_once(lambda: services.redemption_decide(redemption=first, actor=officer, approve=True),
                       lambda: services.redemption_decide(redemption=second, actor=officer, approve=True))
    assert sorted(type(o).__name__ for o in decided) == ["Redemption", "ValidationError"]
    assert balance(org_a) == 40
    assert list(CreditEntry.objects.filter(kind=EntryKind.REDEEMED).values_list("balance_after", flat=True)) == [40]
    assert Redemption.objects.filter(status=RedemptionStatus.APPROVED).count() == 1
