"""Demo data of the standards part: national standards, an occupational skill standard, an
association standard in two versions (kept by 常州市智能制造行业协会; the secretariat keeps them
for it, the association having no demo login) and 恒远精密's enterprise standard, with
competences tied to skills of the vocabulary. Idempotent; every write goes through
``services.standards``."""

import csv
from datetime import date
from pathlib import Path

from members.models import User
from reference.models import Skill
from training.models import Standard, StandardKind
from training.services import standards as services

K = StandardKind
SKILLS_CSV = Path(__file__).resolve().parents[2] / "reference" / "data" / "skills.csv"

# (owner key, actor login, kind, code, title, issuing body, version, effective on, summary, competences)
STANDARDS = [
    ("association", "secretariat", K.NATIONAL, "GB/T 39116", "智能制造能力成熟度模型",
     "国家市场监督管理总局、国家标准化管理委员会", "2020", date(2021, 5, 1),
     "规定了智能制造能力成熟度模型的构成、成熟度等级、能力要素和成熟度要求，适用于制造企业开展智能制造能力评估。", [
         ("5.1", "人员：组织战略与人员技能", "具备智能制造所需的数字化技能，能够开展岗位技能培训。", "S0710"),
         ("5.3", "技术：数据与集成", "能够实现设备、系统之间的数据采集与集成。", "S0708"),
         ("5.4", "资源：装备与网络", "能够对数字化装备进行联网与运维。", "S0707"),
         ("5.5", "制造：生产作业与设备管理", "能够基于数字孪生开展生产过程仿真与优化。", "S0709"),
     ]),
    ("association", "secretariat", K.NATIONAL, "GB/T 39117", "智能制造能力成熟度评估方法",
     "国家市场监督管理总局、国家标准化管理委员会", "2020", date(2021, 5, 1),
     "规定了智能制造能力成熟度的评估内容、评估过程和成熟度等级判定方法。", [
         ("4.1", "评估内容的确定", "能够依据成熟度模型选取评估域与能力子域。", ""),
         ("5.2", "现场评估与证据收集", "能够对生产现场的设备联网、数据采集情况进行核查。", "S0710"),
     ]),
    ("hengyuan", "council", K.OCCUPATIONAL, "6-31-01-03", "电工 国家职业技能标准",
     "人力资源社会保障部", "2018", date(2018, 12, 1),
     "规定了电工职业五个等级的工作要求，涵盖低压电器、电气识图、PLC 与变频器应用和安全用电。", [
         ("3.1.1", "电气识图与低压电器安装", "能够识读电气原理图并安装调试低压电器控制线路。", "S0502"),
         ("3.2.1", "电气安全与电工作业", "能够按安全规程完成停送电操作。", "S0514"),
         ("3.3.2", "PLC 控制系统编程", "能够编写并调试简单 PLC 控制程序。", "S0504"),
         ("3.3.3", "变频器参数设置与调试", "能够根据工艺要求设置变频器参数。", "S0507"),
     ]),
    ("hengyuan", "council", K.ENTERPRISE, "Q/HYJM 005", "数控加工中心操作与点检规范",
     "常州恒远精密机械有限公司", "2023", date(2023, 3, 1),
     "恒远精密数控车间加工中心的开机点检、程序校验、首件检验和交接班要求。", [
         ("4.1", "开机点检", "按点检表完成润滑、气压、刀库检查并记录。", "S0612"),
         ("4.2", "程序校验与试切", "能够在加工中心上完成程序校验和首件试切。", "S0609"),
         ("4.3", "首件检验", "使用量具和三坐标测量机完成首件检验。", "S0618"),
     ]),
]
# T/CZIMA 001: the association's standard, published in 2021 and revised in 2024.
ROBOT_CODE = "T/CZIMA 001"
ROBOT_V1 = ("association", "secretariat", K.ASSOCIATION, ROBOT_CODE, "工业机器人系统运维员职业能力评价规范",
            "常州市智能制造行业协会", "2021", date(2021, 9, 1),
            "常州地区工业机器人系统运维岗位的职业能力要求与评价方法（团体标准）。", [
                ("4.1", "工业机器人安全操作", "能够按安全规范示教和操作工业机器人。", "S0701"),
                ("4.2", "工业机器人示教编程", "能够完成搬运、码垛等典型任务的示教编程。", "S0702"),
                ("4.3", "工业机器人日常维护", "能够完成减速机润滑、电池更换等日常维护。", "S0705"),
            ])
ROBOT_V2 = dict(version="2024", effective_on=date(2024, 7, 1), title="工业机器人系统运维员职业能力评价规范",
                summary="2024 年修订：增加机器视觉和协作机器人应用要求，维护要求细化为预防性维护。")
ROBOT_V2_CHANGES = {
    "4.3": ("工业机器人预防性维护", "能够制定并执行预防性维护计划，分析故障记录。", "S0705"),
    "4.4": ("机器视觉系统应用", "能够标定相机并完成视觉定位引导。", "S0706"),
    "4.5": ("协作机器人应用", "能够部署协作机器人并完成人机协作安全评估。", "S0711"),
}


def _skills(codes) -> dict[str, Skill]:
    codes = {code for code in codes if code}
    found = {s.code: s for s in Skill.objects.filter(code__in=codes)}
    missing = codes - set(found)
    if missing and SKILLS_CSV.exists():
        with SKILLS_CSV.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["code"] in missing:
                    found[row["code"]], _created = Skill.objects.get_or_create(
                        code=row["code"], defaults={"name_zh": row["name_zh"], "name_en": row["name_en"],
                                                    "family": row["family"]})
    return found


def _create(spec, orgs, users, skills) -> Standard | None:
    owner_key, login, kind, code, title, body, version, effective_on, summary, competences = spec
    actor = users.get(login)
    if actor is None or owner_key not in orgs:
        return None
    standard = services.standard_create(actor=actor, owner=orgs[owner_key], kind=kind, code=code, title=title,
                                        issuing_body=body, version=version, effective_on=effective_on,
                                        summary=summary)
    for number, name, description, skill in competences:
        services.competence_create(standard=standard, actor=actor, code=number, name=name, description=description,
                                   skill=skills.get(skill))
    return standard


def seed(context) -> None:
    orgs = context["organizations"]
    users = {u.username: u for u in User.objects.filter(username__in=["secretariat", "council"])}
    all_codes = [c[3] for spec in [*STANDARDS, ROBOT_V1] for c in spec[9]]
    all_codes += [skill for _n, _d, skill in ROBOT_V2_CHANGES.values()]
    skills = _skills(all_codes)
    for spec in STANDARDS:
        if not Standard.objects.filter(code=spec[3]).exists():
            _create(spec, orgs, users, skills)
    if not Standard.objects.filter(code=ROBOT_CODE).exists():
        first = _create(ROBOT_V1, orgs, users, skills)
        if first is not None:
            actor = users["secretariat"]
            second = services.standard_new_version(standard=first, actor=actor, **ROBOT_V2)
            for competence in second.competences.all():
                if competence.code in ROBOT_V2_CHANGES:
                    name, description, skill = ROBOT_V2_CHANGES[competence.code]
                    services.competence_update(competence=competence, actor=actor, code=competence.code, name=name,
                                               description=description, skill=skills.get(skill))
            for number, (name, description, skill) in ROBOT_V2_CHANGES.items():
                if not second.competences.filter(code=number).exists():
                    services.competence_create(standard=second, actor=actor, code=number, name=name,
                                               description=description, skill=skills.get(skill))


def seed_scale(context, *, students: int) -> str:
    return ""
