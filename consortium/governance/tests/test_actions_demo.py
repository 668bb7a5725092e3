"""The demo's plans and action items: this year's adopted work plan and training plan with items
at every stage; once the demo has a resolution (the votes part seeds them), action items of
恒远精密 — one overdue — and of the college, with progress notes. Seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortium.governance.models import ActionItem, ActionNote, Plan, PlanItem, PlanStatus
from consortium.governance.tests.actions_support import resolution
from members.models import User
from tests.fixtures import client_for
from tests.pages import part, zh

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())


def test_the_demo_has_this_years_plans_and_the_resolutions_action_items():
    _seed()
    plans = Plan.objects.filter(year=timezone.localdate().year).with_completion()
    assert {(p.kind, p.status) for p in plans} == {("work", PlanStatus.ADOPTED), ("training", PlanStatus.ADOPTED)}
    assert all(0 < p.completion < 100 for p in plans)
    if not ActionItem.objects.exists():  # the votes part's resolutions are not in this tree: make one as it would
        resolution(number="2026-演-001", title="关于深化校企合作的决议", code="演")
        _seed()
    counts = (ActionItem.objects.count(), ActionNote.objects.count(), Plan.objects.count(), PlanItem.objects.count())
    assert counts[0] >= 3
    _seed()
    assert (ActionItem.objects.count(), ActionNote.objects.count(), Plan.objects.count(),
            PlanItem.objects.count()) == counts

    council = User.objects.get(username="council")
    overdue = ActionItem.objects.overdue().get(owner__name_zh="常州恒远精密机械有限公司")
    assert overdue.notes.exists()
    hub = client_for(council).get(reverse("governance:home"))
    assert next(s for s in hub.context["sections"] if str(s.title) == zh("My action items")).badge == 1
    mine = client_for(council).get(reverse("governance:actions_mine"))
    assert overdue.title in part(mine, "action-table").text
    school_admin = User.objects.get(username="school_admin")
    work = plans.get(kind="work")
    page = client_for(school_admin).get(reverse("governance:plan", args=[work.pk]))
    assert part(page, "plan-items").links  # the college's items can be updated by its administrator
