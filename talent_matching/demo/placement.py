"""Demo data of the talent platform: placement rounds.

Two internship rounds of the demo college (常州智造职业技术学院) with postings of 恒远精密, 新源动力
and 星河电子: last winter's, run and confirmed — its placements entered in the transparency log,
the demo student's result (a placement, or why not) on its page — and next summer's, open for preferences, in which the demo
student and a dozen classmates have ranked postings. The secretariat (``secretariat``) runs and
confirms it; HR of 恒远 (``hr``) reviews who ranked its postings; the teacher (``teacher``) follows
the school's students.

The postings and profiles seeds may hold nothing yet: the internship postings and the students'
profiles this needs are made here (``get_or_create``, so a later seed's own records are kept).
Idempotent."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from members.models import Role, User
from reference.models import Major, Skill
from talent_matching.models import (
    PlacementRound,
    Posting,
    PostingKind,
    PostingSkill,
    PostingStatus,
    SkillLevel,
    StudentProfile,
    Visibility,
)

POSTINGS = [
    # enterprise key, title, headcount, major code prefix, the skill it asks for (shipped vocabulary)
    ("hengyuan", "数控加工工艺实习生", 3, "4601", "S0608"),
    ("hengyuan", "精密装配调试实习生", 2, "4603", "S0502"),
    ("xinyuan", "整车装配实习生", 3, "4607", "S0809"),
    ("xinghe", "电子产品装联实习生", 2, "5101", "S0405"),
]
WINTER = "2026 年寒假企业实习"
SUMMER = "2027 届暑期顶岗实习"


def _postings(orgs, creator) -> list[Posting]:
    postings = []
    for key, title, headcount, family, skill in POSTINGS:
        posting, created = Posting.objects.get_or_create(
            organization=orgs[key], title=title, kind=PostingKind.INTERNSHIP, defaults={
                "description": f"{title}：在企业导师指导下参与生产一线工作，实习期约三个月，提供实习补贴和工作餐。",
                "headcount": headcount, "status": PostingStatus.PUBLISHED, "published_at": timezone.now(),
                "created_by": creator, "deadline": timezone.localdate() + timedelta(days=45),
                "salary_min": 2500, "salary_max": 3500,
            })
        if created:
            major = Major.objects.filter(code__startswith=family, level=Major.Level.CLASS).first()
            if major:
                posting.majors.add(major)
            PostingSkill.objects.create(posting=posting, skill=Skill.objects.get(code=skill), level=SkillLevel.BASIC,
                                        weight=4, required=False)
        postings.append(posting)
    return postings


def _profiles(college) -> list[StudentProfile]:
    """The demo student and fourteen classmates of the college, most of them visible to the
    consortium's enterprises, a few to no one."""
    usernames = ["student"] + [f"s{n + 1:04d}" for n in range(0, 45, 3)]
    majors = list(Major.objects.filter(level=Major.Level.MAJOR, code__startswith="46").order_by("code")[:6]) or list(
        Major.objects.filter(level=Major.Level.MAJOR).order_by("code")[:6])
    profiles = []
    for i, user in enumerate(User.objects.filter(username__in=usernames, memberships__organization=college,
                                                 memberships__role=Role.STUDENT).distinct().order_by("username")):
        profile, _created = StudentProfile.objects.get_or_create(student=user, defaults={
            "school": college, "major": majors[i % len(majors)], "education_level": 2, "graduation_year": 2027,
            "visibility": Visibility.NOBODY if i % 5 == 4 else Visibility.CONSORTIUM,
        })
        profiles.append(profile)
    return profiles


def _rank_all(placement_round, profiles, postings, rng) -> None:
    from talent_matching.services.placement import preferences_save

    for profile in profiles:
        chosen = rng.sample(postings, k=rng.randint(1, min(3, len(postings))))
        preferences_save(placement_round=placement_round, student_profile=profile, postings=chosen,
                         actor=profile.student)


def _refuse_one(placement_round, posting, hr) -> None:
    """HR of 恒远 refuses one student who ranked its posting (and lets it see their profile)."""
    from talent_matching.models import StudentPreference
    from talent_matching.services.placement import refusal_set

    preference = StudentPreference.objects.filter(
        round=placement_round, posting=posting, profile__visibility=Visibility.CONSORTIUM,
    ).exclude(profile__student__username="student").order_by("profile_id").first()
    if hr is not None and preference is not None:
        refusal_set(placement_round=placement_round, posting=posting, student_profile=preference.profile,
                    refused=True, actor=hr)


def seed(context) -> None:
    from talent_matching.services import placement as services

    orgs = context["organizations"]
    college = orgs["college"]
    secretariat = User.objects.get(username="secretariat")
    hr = User.objects.filter(username="hr").first()
    postings = _postings(orgs, hr)
    profiles = _profiles(college)
    if not profiles:
        return
    rng = random.Random(2026)

    if not PlacementRound.objects.filter(name=WINTER).exists():
        winter = services.round_create(actor=secretariat, name=WINTER, kind=PostingKind.INTERNSHIP, schools=[college],
                                       postings={p: None for p in postings[:3]})
        winter = services.round_open(placement_round=winter, actor=secretariat)
        _rank_all(winter, profiles[1:], postings[:3], rng)
        services.preferences_save(placement_round=winter, student_profile=profiles[0], postings=[postings[0]],
                                  actor=profiles[0].student)
        _refuse_one(winter, postings[0], hr)
        services.round_run(placement_round=winter, actor=secretariat)
        services.round_confirm(placement_round=winter, actor=secretariat)

    if not PlacementRound.objects.filter(name=SUMMER).exists():
        summer = services.round_create(actor=secretariat, name=SUMMER, kind=PostingKind.INTERNSHIP, schools=[college],
                                       postings={p: None for p in postings})
        summer = services.round_open(placement_round=summer, actor=secretariat)
        _rank_all(summer, profiles, postings, rng)
        _refuse_one(summer, postings[1], hr)
    context["logins"].append(
        f"{'placement rounds':<24} {'secretariat':<14} 安置轮次：{SUMMER}（收集志愿中）、{WINTER}（已确认）")
