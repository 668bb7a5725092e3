"""The demo's placement rounds: a confirmed winter round with logged placements and an open
summer round in which the demo student has ranked postings; seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import User
from talent_matching.models import Placement, PlacementRound, RoundStatus, StudentPreference
from tests.fixtures import client_for
from tests.pages import part
from transparency.models import LogEntry

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_confirmed_round_and_an_open_one_and_seeds_again_unchanged():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    winter = PlacementRound.objects.get(name="2026 年寒假企业实习")
    summer = PlacementRound.objects.get(name="2027 届暑期顶岗实习")
    assert winter.status == RoundStatus.CONFIRMED and summer.status == RoundStatus.COLLECTING
    assert Placement.objects.filter(round=winter).count() > 0
    assert LogEntry.objects.filter(kind="placement.confirmed").count() == Placement.objects.count()
    student = User.objects.get(username="student")
    assert StudentPreference.objects.filter(round=summer, profile__student=student).exists()
    counts = (PlacementRound.objects.count(), Placement.objects.count(), StudentPreference.objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert (PlacementRound.objects.count(), Placement.objects.count(), StudentPreference.objects.count()) == counts

    page = client_for(student).get(reverse("talent:placement_round", args=[summer.pk]))
    assert part(page, "my-round").text
    hr = User.objects.get(username="hr")
    posting = summer.round_postings.filter(posting__organization__name_zh="常州恒远精密机械有限公司").first().posting
    page = client_for(hr).get(reverse("talent:placement_applicants", args=[summer.pk, posting.pk]))
    assert page.status_code == 200
    detail = client_for(hr).get(reverse("talent:placement_round", args=[summer.pk]))
    assert reverse("talent:placement_applicants", args=[summer.pk, posting.pk]) in part(detail, "my-postings").links
