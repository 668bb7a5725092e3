"""What the teachers tests share: a school administrator (the committee), and records made
through the services, signed off by enterprise A's HR unless said otherwise."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from training.models import TrainingKind
from training.services import teachers as services


@pytest.fixture
def school_admin(school):
    return person(school, Role.ORG_ADMIN, username="school_admin")


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


def practice(teacher, provider, *, ended: int = 30, days: int = 30, hours: int | None = None, title: str = "企业实践",
             kind: str = TrainingKind.PRACTICE, level: str = "", submit: bool = True, signer=None, **extra):
    """A record of ``days`` days ending ``ended`` days ago; submitted, and signed off by ``signer``."""
    ends_on = days_ago(ended)
    record = services.record_create(actor=teacher, kind=kind, level=level, provider=provider, title=title,
                                    starts_on=ends_on - timedelta(days=days - 1), ends_on=ends_on, days=days,
                                    hours=hours or days * 8, content="参与生产工艺改进。", **extra)
    if submit:
        record = services.record_submit(record=record, actor=teacher)
    if signer is not None:
        record = services.record_sign_off(record=record, actor=signer)
    return record
