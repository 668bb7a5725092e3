"""Governance demo data: responsibility credits.

The council's rules for the four kinds of contribution; a subsidy scheme published by the park's
officer; the placements the talent demo confirmed credited under the internship rule (they were
recorded before the rule existed), and so the training demo's teacher training, mentor's term and
co-developed courses of 恒远精密; 恒远's administrator (``council``) redeemed credits once —
approved by ``officer`` — and asked again, waiting for ``officer``; a course 新源动力 co-developed
before the portal waits for the secretariat (``secretariat``) to credit it. Everything goes through the services. Idempotent."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consortium.governance.models import (
    Contribution,
    ContributionKind,
    CreditRule,
    Redemption,
    SubsidyScheme,
)
from consortium.governance.services import credits as services
from members.models import User

RULES = [
    # code, title, kind, credits per unit
    ("intern-month", "接收实习生：每人每月", ContributionKind.INTERNSHIP_MONTH, 10),
    ("training-course", "为联合体成员提供培训课程：每门", ContributionKind.TRAINING_COURSE, 20),
    ("mentor-term", "派出产业导师：每任期", ContributionKind.MENTOR_TERM, 30),
    ("course-codeveloped", "与院校共建课程：每门", ContributionKind.COURSE_CODEVELOPED, 50),
]
SCHEME = "校企合作积分补贴（试行）"


def seed(context) -> None:
    orgs = context["organizations"]
    secretariat = User.objects.get(username="secretariat")
    officer = User.objects.get(username="officer")
    council = User.objects.get(username="council")
    today = timezone.localdate()
    since = date(today.year - 1, 1, 1)
    rules = {}
    for code, title, kind, credits in RULES:
        rule = CreditRule.objects.filter(code=code).first() or services.rule_publish(
            actor=secretariat, code=code, title=title, kind=kind, credits_per_unit=credits, valid_from=since)
        rules[kind] = rule

    # The talent demo's confirmed placements were recorded before the internship rule existed.
    placements = Contribution.objects.filter(kind=ContributionKind.INTERNSHIP_MONTH).exclude(
        source_type=ContentType.objects.get_for_model(orgs["hengyuan"]))
    uncredited = services.uncredited_contributions().filter(pk__in=placements)
    if uncredited.exists():
        services.contributions_credit(contributions=list(uncredited), rule=rules[ContributionKind.INTERNSHIP_MONTH],
                                      actor=secretariat)
    hengyuan = orgs["hengyuan"]
    if not placements.filter(organization=hengyuan).exists():
        services.contribution_record(kind=ContributionKind.INTERNSHIP_MONTH, organization=hengyuan, source=hengyuan,
                                     quantity=3, occurred_on=today - timedelta(days=90))
    # The training demo's contributions (teacher training 恒远 provided, a mentor's term, co-developed
    # courses) were recorded before their rules existed too: credited now.
    training_kinds = [ContributionKind.TRAINING_COURSE, ContributionKind.MENTOR_TERM,
                      ContributionKind.COURSE_CODEVELOPED]
    waiting = services.uncredited_contributions().filter(kind__in=training_kinds).exclude(
        source_type=ContentType.objects.get_for_model(orgs["xinyuan"]))
    for kind in training_kinds:
        of_kind = list(waiting.filter(kind=kind))
        if of_kind:
            services.contributions_credit(contributions=of_kind, rule=rules[kind], actor=secretariat)
    # 新源动力's course co-developed before the portal (its own row stands in as the source) waits on
    # the secretariat's page of uncredited contributions.
    services.contribution_record(kind=ContributionKind.COURSE_CODEVELOPED, organization=orgs["xinyuan"],
                                 source=orgs["xinyuan"], quantity=1, occurred_on=date(today.year - 2, 9, 1))

    scheme = SubsidyScheme.objects.filter(title=SCHEME).first() or services.scheme_publish(
        actor=officer, title=SCHEME, credits_per_unit=10, value_per_unit=500, opens_on=date(today.year, 1, 1),
        description="企业接收实习生、提供培训、派出导师、共建课程所得的教育责任积分，可按每 10 分 500 元申请补贴，"
                    "由园区管委会审核后拨付。")
    if not Redemption.objects.filter(account__organization=hengyuan).exists():
        first = services.redemption_request(actor=council, organization=hengyuan, scheme=scheme, credits=20,
                                            note="用于 2026 年实习指导教师补贴。")
        services.redemption_decide(redemption=first, actor=officer, approve=True, reason="材料齐全，同意兑换。")
        services.redemption_request(actor=council, organization=hengyuan, scheme=scheme, credits=10,
                                    note="用于培训课程耗材。")
