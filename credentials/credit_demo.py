"""The credit bank's demo (学分银行): the consortium's published rules, a 1+X certificate of
the demo student and their course completion earning credits in their account, and their request pending at another
member school, 江南职业技术大学, whose administrator (``admin_bachelor``) decides it.
Idempotent."""

from decimal import Decimal

from credentials import credit_bank, services
from credentials.models import Achievement, AchievementKind, Credential, CreditRule, RecognitionRequest
from members.models import User

RULES = [
    # kind, level, major of the credential, counts towards, credits, note
    (AchievementKind.SKILL_CERTIFICATE, "中级", "460305", "460305", "4", "1+X 工业机器人操作与运维（中级）"),
    (AchievementKind.SKILL_CERTIFICATE, "初级", "460305", "460305", "2", "1+X 工业机器人操作与运维（初级）"),
    (AchievementKind.DIPLOMA, "", "460301", "4603", "10", "机电一体化技术专业毕业，计入自动化类"),
    (AchievementKind.COURSE, "", "4603", "4603", "2", "自动化类课程结业"),
    (AchievementKind.COURSE, "", "5102", "5102", "2", "计算机类课程结业"),
    (AchievementKind.AWARD, "", "", "46", "3", "职业院校技能大赛获奖，计入装备制造大类"),
]


def seed_credit_bank(context: dict) -> None:
    orgs = context["organizations"]
    secretariat = User.objects.get(username="secretariat")
    student = User.objects.get(username="student")
    for kind, level, achievement_major, target_major, credits, note in RULES:
        rule, created = CreditRule.objects.get_or_create(
            kind=kind, level=level, achievement_major=achievement_major, target_major=target_major,
            defaults={"credits": Decimal(credits), "note": note},
        )
        if created:
            credit_bank.rule_publish(rule=rule, actor=secretariat)
    # The 1+X certificate the issuing demo gives the student (made here if it is not there).
    achievement, _created = Achievement.objects.get_or_create(
        issuer=orgs["college"], name="工业机器人操作与运维", level="中级",
        defaults={"kind": AchievementKind.SKILL_CERTIFICATE, "major_code": "460305",
                  "description": "1+X 工业机器人操作与运维职业技能等级证书（中级）。",
                  "criteria": "通过理论知识与实操技能考核。"},
    )
    credential = Credential.objects.filter(achievement=achievement, holder=student).first()
    if credential is None:
        credential = services.issue_credential(achievement=achievement, holder=student, actor=None)
    # Credits for every valid credential the student holds; the revoked one earns nothing.
    credit_bank.earn_credits(student=student, actor=student)
    if not RecognitionRequest.objects.filter(credential=credential).exists():
        movement = credit_bank.recognisable(student).filter(credential=credential).first()
        if movement is not None:
            credit_bank.request_recognition(student=student, movement=movement, school=orgs["bachelor"],
                                            actor=student)
    context["logins"].append(f"{'school admin (credits)':<24} {'admin_bachelor':<14} 学分互认 · {orgs['bachelor'].name_zh}")
