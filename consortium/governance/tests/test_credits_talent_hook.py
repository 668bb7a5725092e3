"""The talent platform's hook: confirming an internship round announces each placement as a
contribution, and the enterprise that hosts the intern earns credits under the rule in force."""

import pytest
from django.utils import timezone

from consortium.governance.models import Contribution, CreditAccount, CreditEntry, EntryKind
from consortium.governance.tests.credits_support import internship_rule
from talent_matching.models import Placement, PostingKind
from talent_matching.services import placement as talent
from talent_matching.tests.placement_support import posting, profile_of

pytestmark = pytest.mark.django_db


def _confirm(school, secretariat, student, hosting, kind=PostingKind.INTERNSHIP):
    placement_round = talent.round_create(actor=secretariat, name="2027 届实习", kind=kind, schools=[school],
                                          postings={hosting: None})
    talent.round_open(placement_round=placement_round, actor=secretariat)
    me = profile_of(student, school)
    talent.preferences_save(placement_round=placement_round, student_profile=me, postings=[hosting], actor=student)
    talent.round_run(placement_round=placement_round, actor=secretariat)
    return talent.round_confirm(placement_round=placement_round, actor=secretariat)


def test_confirming_a_placement_earns_the_hosting_enterprise_credits(school, org_a, secretariat, student):
    internship_rule(secretariat, credits=10)
    today = timezone.localdate()
    hosting = posting(org_a, "数控加工实习", starts_on=today, ends_on=today + timezone.timedelta(days=89))
    [placement] = _confirm(school, secretariat, student, hosting)
    contribution = Contribution.objects.get()
    assert (contribution.organization, contribution.kind, contribution.quantity) == (org_a, "internship_month", 3)
    assert contribution.source_id == placement.pk and contribution.occurred_on == today
    assert CreditAccount.objects.get(organization=org_a).balance == 30
    assert CreditEntry.objects.get().kind == EntryKind.EARNED
    assert Placement.objects.count() == 1


def test_an_order_class_is_not_hosted_and_earns_nothing(school, org_a, secretariat, student):
    internship_rule(secretariat)
    _confirm(school, secretariat, student, posting(org_a, "订单班", kind=PostingKind.ORDER_CLASS),
             kind=PostingKind.ORDER_CLASS)
    assert not Contribution.objects.exists()
