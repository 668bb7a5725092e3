"""The demo gives the demo roles profiles to look at."""

from django.core.management import call_command
from django.urls import reverse

from members.models import User
from talent_matching.demo import profiles as demo
from talent_matching.models import ProfileAccess, StudentProfile, Visibility
from talent_matching.views.profiles import _with_skills
from tests.fixtures import client_for


def test_the_demo_students_have_profiles_with_varied_consent_and_a_look_by_an_enterprise(db):
    call_command("seed_demo", "--quiet-logins")
    demo.finish({})  # once the credentials demo has issued the student's certificate
    student = User.objects.get(username="student")
    mine = StudentProfile.objects.get(student=student)
    assert mine.visibility == Visibility.CONSORTIUM and mine.consents.count() == 2
    assert {p.visibility for p in StudentProfile.objects.all()} == set(Visibility.values)
    assert ProfileAccess.objects.filter(profile=mine, user__username="hr").count() == 2
    assert any(skill.verified for skill in _with_skills(mine))
    hr = client_for(User.objects.get(username="hr"))
    assert hr.get(reverse("talent:profile_detail", args=[mine.pk])).status_code == 200
    call_command("seed_demo", "--quiet-logins")
    assert StudentProfile.objects.filter(student=student).count() == 1
