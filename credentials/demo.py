"""Demo data for credentials: the demo college's achievements (证书类别), its key, and a few
credentials held by the demo student — one of them revoked — all logged; and the credit bank's (``credentials.credit_demo``). The log's checkpoint is
signed once every app has seeded (``transparency.demo.finish_demo``). Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from credentials import services
from credentials.credit_demo import seed_credit_bank
from credentials.models import Achievement, AchievementKind, Credential, CredentialStatus
from members.models import User

ACHIEVEMENTS = [
    # key, kind, name, level, major code, description, criteria, valid years
    ("diploma", AchievementKind.DIPLOMA, "机电一体化技术专业毕业", "", "460301",
     "完成三年制高等职业教育机电一体化技术专业（460301）的学习，成绩合格，准予毕业。",
     "修满专业人才培养方案规定的学分，通过毕业设计答辩。", None),
    ("robot", AchievementKind.SKILL_CERTIFICATE, "工业机器人操作与运维", "中级", "460305",
     "1+X 工业机器人操作与运维职业技能等级证书（中级）。",
     "通过理论知识考试和实操技能考核，成绩均达到合格线。", 3),
    ("course", AchievementKind.COURSE, "PLC 应用技术课程结业", "", "460301",
     "完成 PLC 应用技术课程（64 学时）的学习。", "课程考核成绩合格，完成全部实训项目。", None),
    ("award", AchievementKind.AWARD, "全国职业院校技能大赛机器人系统集成赛项省赛二等奖", "", "",
     "江苏省职业院校技能大赛机器人系统集成赛项二等奖。", "在省赛中获得二等奖。", None),
]


def seed_demo(context: dict) -> None:
    _issue(context)
    # the credit bank (学分银行)
    seed_credit_bank(context)


def _issue(context: dict) -> None:
    college = context["organizations"]["college"]
    admin = User.objects.get(username="school_admin")
    student = User.objects.get(username="student")
    achievements = {}
    for key, kind, name, level, major, description, criteria, years in ACHIEVEMENTS:
        achievements[key], _created = Achievement.objects.get_or_create(
            issuer=college, name=name, level=level,
            defaults={"kind": kind, "major_code": major, "description": description, "criteria": criteria,
                      "valid_years": years},
        )
    services.ensure_issuer_key(organization=college)
    if Credential.objects.filter(holder=student).exists():
        return
    start = timezone.now() - timedelta(days=200)
    for key, days in (("course", 0), ("robot", 60), ("award", 120)):
        services.issue_credential(achievement=achievements[key], holder=student, actor=admin,
                                  valid_from=start + timedelta(days=days))
    revoked = Credential.objects.get(holder=student, achievement=achievements["award"])
    services.set_status(credential=revoked, actor=admin, status=CredentialStatus.REVOKED,
                        reason="赛项成绩复核后更正，原证书作废。")
    context["logins"].append(
        f"{'credentials issuer':<24} {'school_admin':<14} 凭证颁发：{college.name_zh}")
