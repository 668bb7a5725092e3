"""The demo's projects: an industry college with a line nearly spent, a completed and assessed
training base, a joint R&D project, one proposed awaiting the council; the demo logins see them
as their roles allow; seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortium.governance.models import Assessment, Expense, Project, ProjectStatus
from consortium.governance.selectors import projects as selectors
from members.models import User
from tests.fixtures import client_for
from tests.pages import part

pytestmark = pytest.mark.django_db


def test_the_demo_projects_and_what_each_login_sees():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    college = Project.objects.get(code="CJ-2026-01")
    assert college.status == ProjectStatus.IN_PROGRESS and college.resolution is not None
    assert Project.objects.get(code="PX-2026-04").status == ProjectStatus.PROPOSED
    assert Assessment.objects.get(project__code="JD-2025-02").scores.count() == 3
    shares = [line.share for line in selectors.line_execution(college)]
    assert max(shares) > 90  # the equipment line is nearly spent
    counts = (Project.objects.count(), Expense.objects.count())
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert (Project.objects.count(), Expense.objects.count()) == counts

    school_admin = User.objects.get(username="school_admin")
    page = client_for(school_admin).get(reverse("governance:project", args=[college.pk]))
    assert "实训设备购置" in part(page, "lines").text
    assert 'data-testid="record-expense"' in page.content.decode()
    hr = User.objects.get(username="hr")  # Hengyuan, a partner: reads the money, records nothing
    page = client_for(hr).get(reverse("governance:project", args=[college.pk]))
    assert "六轴工业机器人 4 台" in part(page, "expenses").text
    assert 'data-testid="record-expense"' not in page.content.decode()
    public = [p.code for p in selectors.public_projects()]
    assert public == ["JD-2025-02", "CJ-2026-01"] or sorted(public) == ["CJ-2026-01", "JD-2025-02"]
