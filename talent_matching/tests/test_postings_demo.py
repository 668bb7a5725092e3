"""The demo gives HR and students postings to work with, the same however often it is seeded."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import User
from talent_matching.models import Posting, PostingKind, PostingStatus
from talent_matching.models.postings import COHORT_KINDS
from talent_matching.services.postings import publish_problems
from tests.fixtures import client_for
from tests.pages import part

pytestmark = pytest.mark.django_db


def test_the_demo_enterprises_post_every_kind_in_the_demo_schools_majors():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    count = Posting.objects.count()
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert Posting.objects.count() == count >= 10
    assert set(Posting.objects.values_list("kind", flat=True)) == set(PostingKind.values)
    assert set(COHORT_KINDS) <= set(Posting.objects.published().values_list("kind", flat=True))
    for posting in Posting.objects.published():
        assert not publish_problems(posting), posting
        assert posting.majors.exists() and posting.skills.exists()
    hr = User.objects.get(username="hr")
    drafts = part(client_for(hr).get(reverse("talent:posting_manage"), {"status": "draft"}), "posting-table").text
    assert "设备维修电工" in drafts
    assert Posting.objects.filter(status=PostingStatus.CLOSED).exists()
    listing = part(client_for(User.objects.get(username="student")).get(reverse("talent:posting_list")), "postings")
    assert "订单班" in listing.text and "设备维修电工" not in listing.text
