"""Audit coverage is on for every model unless exempted by name: a model nobody decided
about fails here."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from core.audit import CONNECTED, NOT_AUDITED, is_audited
from core.models import AuditEvent


def test_every_model_is_audited_or_exempted_by_name_with_a_reason():
    undecided = [
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.label_lower not in CONNECTED and model._meta.label_lower not in NOT_AUDITED
    ]

    assert not undecided, f"neither audited nor exempted in core.audit.NOT_AUDITED: {undecided}"


def test_every_exemption_names_a_model_that_exists_and_says_why():
    labels = {model._meta.label_lower for model in apps.get_models()}

    assert set(NOT_AUDITED) <= labels, set(NOT_AUDITED) - labels
    assert all(reason.strip() for reason in NOT_AUDITED.values())


def test_the_portals_own_models_are_audited():
    for label in ("members.organization", "members.user", "members.membership", "members.invitation",
                  "members.membershipapplication", "members.loginlockout", "reference.region"):
        assert is_audited(apps.get_model(label)), label


@pytest.mark.django_db
def test_a_many_to_many_change_is_audited_with_the_ids_before_and_after(member_a):
    group = Group.objects.create(name="数据报送")

    member_a.groups.add(group)
    member_a.groups.remove(group)

    changes = list(
        AuditEvent.objects.filter(object_id=str(member_a.pk), action="update", changes__has_key="groups")
        .order_by("id").values_list("changes", flat=True)
    )
    assert [c["groups"] for c in changes] == [[[], [group.pk]], [[group.pk], []]]
