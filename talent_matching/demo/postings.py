"""Demo data of the talent platform: postings (岗位需求).

The demo enterprises post jobs, internships, an order class (订单班), an apprenticeship (现代学徒制)
and a 2+1 placement in the majors the demo schools teach (``reference/data/majors.csv``), each
asking for skills of the consortium's vocabulary. The reference data ships no skills, so the
skills the postings need are added here (by code, unless they exist; see SKILLS). Postings are written
through the services, as HR would write them: most published, one draft left incomplete, one
closed. Idempotent: a posting of the same enterprise and title is not made twice."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from members.models import User
from reference.models import EducationLevel, Major, Region, Skill
from talent_matching.models import Posting, PostingKind, PostingStatus, SkillLevel
from talent_matching.services import postings as services

B, I, A, E = SkillLevel.BASIC, SkillLevel.INTERMEDIATE, SkillLevel.ADVANCED, SkillLevel.EXPERT

# The skills of the shipped vocabulary (reference/data/skills.csv) the demo's postings ask for;
# the demo's profiles hold some of them, so matching finds students for these postings.
SKILLS = [
    ("S0504", "PLC 编程", "PLC programming", "电气控制"),
    ("S0503", "电气识图与制图", "Electrical drawing reading and drafting", "电气控制"),
    ("S0705", "工业机器人运维", "Industrial robot maintenance", "工业机器人"),
    ("S0602", "AutoCAD 制图", "AutoCAD drafting", "机械制造"),
    ("S0608", "数控车床编程与操作", "CNC lathe programming and operation", "机械制造"),
    ("S0102", "Python 编程", "Python programming", "软件开发"),
    ("S0106", "Web 前端开发", "Web front-end development", "软件开发"),
    ("S0201", "网络组建与配置", "Network building and configuration", "网络与云"),
    ("S0616", "质量检测与控制", "Quality inspection and control", "机械制造"),
    ("S0502", "低压电器安装与调试", "Low-voltage apparatus installation and commissioning", "电气控制"),
    ("S0507", "变频器应用", "Variable-frequency drive application", "电气控制"),
    ("S0704", "工业机器人系统集成", "Industrial robot system integration", "工业机器人"),
    ("S0706", "机器视觉应用", "Machine vision applications", "工业机器人"),
    ("S0101", "Java 编程", "Java programming", "软件开发"),
    ("S0303", "数据库设计", "Database design", "数据"),
    ("S0206", "Linux 系统管理", "Linux system administration", "网络与云"),
    ("S0401", "电子电路分析", "Electronic circuit analysis", "电子与嵌入式"),
    ("S0407", "STM32 开发", "STM32 development", "电子与嵌入式"),
    ("S0405", "电子产品装配与调试", "Electronic product assembly and debugging", "电子与嵌入式"),
    ("S0806", "新能源汽车动力电池检修", "EV traction battery repair", "汽车"),
    ("S0804", "汽车电气检修", "Automotive electrical repair", "汽车"),
    ("S0305", "数据清洗", "Data cleaning", "数据"),
]

# enterprise key, kind, title, description, majors, minimum level, places, district, pay, start (days from
# today), length (days), deadline (days from today), skills (code, level, weight, required),
# certificates (name, level, required), state
POSTINGS = [
    ("hengyuan", PostingKind.JOB, "数控加工工艺员",
     "负责精密零部件数控车铣加工工艺的编制与优化，编写加工程序，首件调试与过程质量控制，参与新产品试制。"
     "公司提供师傅带教、五险一金、免费工作餐和倒班宿舍，表现优秀者一年内可晋升工艺工程师。",
     ["460103", "4601"], EducationLevel.HIGHER, 5, "320411", (6000, 8500), 30, None, 45,
     [("S0608", A, 5, True), ("S0602", I, 4, True), ("S0616", B, 3, False)],
     [("数控车铣加工职业技能等级证书", "中级", False)], PostingStatus.PUBLISHED),
    ("hengyuan", PostingKind.ORDER_CLASS, "2026 级恒远精密智能制造订单班",
     "与常州智造职业技术学院联合开设，面向智能制造装备技术、机电一体化技术专业二年级学生招收 30 人。"
     "企业工程师进校授课，第三学年进厂跟岗、顶岗实习，每月发放实习补贴，考核合格者毕业后直接录用。",
     ["460104", "460301"], EducationLevel.HIGHER, 30, "320411", (2000, 3000), 270, 300, 60,
     [("S0504", I, 4, True), ("S0705", B, 4, False), ("S0608", I, 3, False), ("S0704", B, 2, False)],
     [("工业机器人操作与运维职业技能等级证书", "初级", False)], PostingStatus.PUBLISHED),
    ("hengyuan", PostingKind.TWO_PLUS_ONE, "机电设备装调 2+1 企业培养岗",
     "面向中职机电类专业学生：在校学习两年，第三年到恒远精密装配车间在企业导师指导下完成设备装配、"
     "电气接线与调试任务，按岗位发放生活补贴，学校与企业共同考核。",
     ["460301"], EducationLevel.SECONDARY, 12, "320411", (1800, 2500), 240, 300, 75,
     [("S0503", B, 4, True), ("S0502", B, 4, False), ("S0504", B, 2, False)],
     [], PostingStatus.PUBLISHED),
    ("hengyuan", PostingKind.JOB, "设备维修电工",
     "负责车间数控机床与自动化产线的电气维护和故障排除。（草稿：待补充技能要求与截止日期）",
     ["460303"], EducationLevel.HIGHER, 2, "320411", (5500, 7000), None, None, None,
     [], [], PostingStatus.DRAFT),
    ("xinyuan", PostingKind.JOB, "新能源汽车动力电池检测技术员",
     "在电池包装配线从事电芯与模组的绝缘、容量和一致性检测，记录并分析检测数据，配合工程师处理异常。"
     "提供岗前培训、高温津贴和年度体检。",
     ["460702"], EducationLevel.HIGHER, 8, "320412", (5500, 7500), 20, None, 30,
     [("S0806", I, 5, True), ("S0804", B, 3, False), ("S0503", B, 2, False)],
     [("新能源汽车动力电池及电控系统检测职业技能等级证书", "中级", False)], PostingStatus.PUBLISHED),
    ("xinyuan", PostingKind.APPRENTICESHIP, "现代学徒制·汽车装调工",
     "企业与学校双主体育人：学徒与企业签订学徒协议，由企业师傅一对一带教，轮岗总装、电气装调与下线检测，"
     "三年学徒期内享受学徒工资，出师后转为正式员工。",
     ["4607", "4603"], EducationLevel.HIGHER, 15, "320412", (3500, 4500), 60, 1095, 50,
     [("S0804", B, 4, True), ("S0503", B, 3, False), ("S0502", B, 3, False), ("S0806", B, 2, False)],
     [], PostingStatus.PUBLISHED),
    ("xinghe", PostingKind.INTERNSHIP, "嵌入式软件开发实习生",
     "参与智能家电主控板固件开发：外设驱动、通信协议和功能测试，由资深工程师带教。实习期 6 个月，"
     "实习补贴每月 3000–4000 元，表现优秀者可获得录用通知。",
     ["510210", "510101", "510103"], EducationLevel.HIGHER, 6, "320411", (3000, 4000), 30, 180, 25,
     [("S0407", I, 5, True), ("S0401", I, 4, False), ("S0102", B, 2, False)],
     [], PostingStatus.PUBLISHED),
    ("xinghe", PostingKind.JOB, "SMT 工艺技术员",
     "负责 SMT 产线的程序制作、钢网与炉温曲线管理，解决贴装不良。（本岗位已招满）",
     ["510101"], EducationLevel.HIGHER, 3, "320411", (5000, 6500), None, None, 10,
     [("S0405", I, 5, True), ("S0401", B, 3, False)],
     [], PostingStatus.CLOSED),
    ("yunqi", PostingKind.JOB, "Java 开发工程师（应届）",
     "参与制造执行系统（MES）后端服务开发：需求分析、接口设计与编码、单元测试。弹性工作制，"
     "提供技术导师和系统培训，转正后享受年度调薪与项目奖金。",
     ["510203", "510201"], EducationLevel.HIGHER, 4, "320404", (7000, 10000), 40, None, 40,
     [("S0101", A, 5, True), ("S0303", I, 4, True), ("S0102", B, 2, False), ("S0206", B, 2, False)],
     [("Web 应用软件测试职业技能等级证书", "初级", False)], PostingStatus.PUBLISHED),
    ("yunqi", PostingKind.INTERNSHIP, "Web 前端开发实习生",
     "参与工业数据可视化平台的页面开发与联调，使用 Vue 框架完成组件开发。每周到岗不少于 4 天，"
     "可开具实习证明。",
     ["5102"], EducationLevel.HIGHER, 3, "320404", (2500, 3500), 20, 120, 20,
     [("S0106", I, 5, True), ("S0102", B, 2, False), ("S0303", B, 2, False)],
     [("Web 前端开发职业技能等级证书", "中级", False)], PostingStatus.PUBLISHED),
    ("lvneng", PostingKind.JOB, "光伏电站运维技术员",
     "负责分布式光伏电站的巡检、逆变器与汇流箱故障处理和发电数据分析，需适应短期出差。"
     "提供电工证培训和交通补贴。",
     ["460303", "460301"], EducationLevel.HIGHER, 6, "320481", (5000, 7000), 30, None, 35,
     [("S0502", I, 5, True), ("S0503", I, 4, False), ("S0504", B, 3, False), ("S0305", B, 2, False)],
     [("低压电工作业证", "", True)], PostingStatus.PUBLISHED),
    ("tongda", PostingKind.JOB, "智能仓储设备运维员",
     "维护自动化立体仓库的堆垛机、输送线和分拣机器人，处理设备报警，执行预防性保养计划。",
     ["460305", "460301"], EducationLevel.HIGHER, 4, "320412", (5500, 7500), 25, None, 30,
     [("S0705", I, 4, True), ("S0504", I, 4, False), ("S0706", B, 2, False), ("S0507", B, 2, False)],
     [], PostingStatus.PUBLISHED),
]


def _skills() -> dict[str, Skill]:
    skills = {}
    for code, name_zh, name_en, family in SKILLS:
        skills[code], _created = Skill.objects.get_or_create(
            code=code, defaults={"name_zh": name_zh, "name_en": name_en, "family": family})
    return skills


def _writer(key: str) -> User:
    """Who writes the enterprise's postings: the demo HR for 恒远精密, the administrator elsewhere."""
    return User.objects.get(username="hr" if key == "hengyuan" else f"admin_{key}")


def seed(context) -> None:
    organizations = context["organizations"]
    skills = _skills()
    today = timezone.localdate()
    for (key, kind, title, description, majors, level, places, district, (low, high), start, length,
         deadline, skill_rows, certificate_rows, state) in POSTINGS:
        organization = organizations[key]
        if Posting.objects.filter(organization=organization, title=title).exists():
            continue
        actor = _writer(key)
        starts_on = today + timedelta(days=start) if start is not None else None
        data = {
            "kind": kind, "title": title, "description": description, "min_level": level, "headcount": places,
            "location": Region.objects.get(code=district), "salary_min": low, "salary_max": high,
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=length) if starts_on and length else None,
            "deadline": today + timedelta(days=deadline) if deadline is not None else None,
        }
        posting = services.posting_create(
            organization=organization, actor=actor, data=data, majors=list(Major.objects.filter(code__in=majors)),
            skills=[services.SkillRow(skills[code], lvl, weight, required) for code, lvl, weight, required in skill_rows],
            certificates=[services.CertificateRow(name, cert_level, required)
                          for name, cert_level, required in certificate_rows],
        )
        if state in (PostingStatus.PUBLISHED, PostingStatus.CLOSED):
            services.posting_publish(posting=posting, actor=actor)
        if state == PostingStatus.CLOSED:
            services.posting_close(posting=posting, actor=actor)
    context["logins"].append(f"{'talent postings':<24} {'hr':<14} 人才供需：{organizations['hengyuan'].name_zh}的岗位需求（含一份草稿）")
