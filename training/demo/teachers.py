"""Demo data of the teachers part: the college's teacher 王晓燕 has enterprise practice and a
provincial training course signed off by 恒远精密 (105 practice days in five years: yellow), a
practice period waiting for 恒远精密's HR or administrator to sign off, and a 双师型 application
waiting for the college's committee (school_admin), who sees the teacher overview. Idempotent;
every write goes through ``services.teachers``.

``seed_scale``: one teacher for every 15 students, a third of them at the college (the benchmark's
school), the rest across the scale schools, each with four signed-off or submitted records."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from members.models import Membership, Organization, Role, SCHOOL_KINDS, User
from training.models import (
    DualLevel, TeacherTrainingRecord, TrainingKind, TrainingLevel, TrainingRecordStatus,
)
from training.services import teachers as services

# (kind, level, title, days ago it ended, days, hours, content, outcomes, signed off)
RECORDS = [
    (TrainingKind.PRACTICE, "", "数控车间工艺优化企业实践", 3 * 365, 45, 360,
     "在恒远精密数控车间参与精密零件加工工艺优化，跟岗学习五轴加工中心编程与调试。",
     "形成《精密轴类零件加工工艺优化》案例一份，已用于数控技术专业教学。", True),
    (TrainingKind.PRACTICE, "", "智能产线运维企业实践", 2 * 365, 60, 480,
     "参与恒远精密智能产线设备点检、故障诊断与预防性维护。",
     "编写活页式教材《智能产线运维》两个学习任务。", True),
    (TrainingKind.COURSE, TrainingLevel.PROVINCIAL, "江苏省职业院校教师数控技术培训班", 400, 10, 80,
     "省级培训：数控系统新技术、产教融合课程开发方法。", "获省级培训结业证书。", True),
    (TrainingKind.PRACTICE, "", "精密测量与质量控制企业实践", 20, 30, 240,
     "在恒远精密质量部参与三坐标测量、SPC 质量控制和检验规程编制。", "完成质量控制案例两个。", False),
]


def seed(context) -> None:
    orgs = context["organizations"]
    college, hengyuan = orgs.get("college"), orgs.get("hengyuan")
    users = {u.username: u for u in User.objects.filter(username__in={"teacher", "hr"})}
    if college is None or hengyuan is None or len(users) < 2:
        return
    teacher, hr = users["teacher"], users["hr"]
    if teacher.training_records.exists():
        return
    today = timezone.localdate()
    signed = []
    for kind, level, title, ago, days, hours, content, outcomes, sign in RECORDS:
        ends_on = today - timedelta(days=ago)
        record = services.record_create(actor=teacher, school=college, kind=kind, level=level, provider=hengyuan,
                                        title=title, starts_on=ends_on - timedelta(days=days - 1), ends_on=ends_on,
                                        days=days, hours=hours, content=content, outcomes=outcomes)
        services.record_submit(record=record, actor=teacher)
        if sign:
            signed.append(services.record_sign_off(record=record, actor=hr))
    services.dual_apply(actor=teacher, school=college, level=DualLevel.INTERMEDIATE, records=signed,
                        qualifications="数控车工高级工（三级）职业资格证书；讲师；在恒远精密累计企业实践 105 天。")


def seed_scale(context, *, students: int) -> str:
    rng = random.Random(students + 12)
    college = context["organizations"].get("college")
    schools = list(Organization.objects.filter(name_zh__startswith="常州规模测试", kind__in=SCHOOL_KINDS)
                   .values_list("pk", flat=True))
    providers = list(Organization.objects.filter(name_zh__startswith="常州规模测试", kind="enterprise")
                     .values_list("pk", flat=True)[:200]) or [o.pk for o in context["organizations"].values()]
    if not schools or college is None:
        return ""
    count = students // 15
    password = context["password_hash"]
    with transaction.atomic():
        User.objects.bulk_create([User(username=f"training_scale_teacher{i + 1:06d}", full_name=f"规模教师{i + 1:06d}",
                                       email=f"trainer{i + 1}@scale.example.cn", password=password)
                                  for i in range(count)], batch_size=5000, ignore_conflicts=True)
        ids = list(User.objects.filter(username__startswith="training_scale_teacher").order_by("username")
                   .values_list("pk", flat=True))
        homes = {pk: (college.pk if i % 3 == 0 else schools[i % len(schools)]) for i, pk in enumerate(ids)}
        Membership.objects.bulk_create([Membership(user_id=pk, organization_id=org, role=Role.TEACHER)
                                        for pk, org in homes.items()], batch_size=5000, ignore_conflicts=True)
        if TeacherTrainingRecord.objects.filter(teacher_id__in=ids[:1]).exists():
            return f"{len(ids)} teachers with training records (already there)"
        today, now = timezone.localdate(), timezone.now()
        rows = []
        for pk, school in homes.items():
            ends_on = today - timedelta(days=rng.randint(10, 200))
            for n in range(4):
                kind = TrainingKind.PRACTICE if n % 2 == 0 else TrainingKind.COURSE
                days = rng.randint(20, 70) if kind == TrainingKind.PRACTICE else rng.randint(2, 10)
                signed = n or rng.random() < 0.7
                rows.append(TeacherTrainingRecord(
                    teacher_id=pk, school_id=school, kind=kind,
                    level=TrainingLevel.PROVINCIAL if kind == TrainingKind.COURSE else "",
                    provider_id=rng.choice(providers), title=f"规模培训记录 {n + 1}",
                    starts_on=ends_on - timedelta(days=days - 1), ends_on=ends_on, days=days, hours=days * 8,
                    content="规模测试数据。",
                    status=TrainingRecordStatus.SIGNED_OFF if signed else TrainingRecordStatus.SUBMITTED,
                    submitted_at=now, signed_off_at=now if signed else None))
                ends_on = ends_on - timedelta(days=days + rng.randint(30, 400))
        TeacherTrainingRecord.objects.bulk_create(rows, batch_size=5000)
    return f"{len(ids)} teachers with {len(rows)} training records"
